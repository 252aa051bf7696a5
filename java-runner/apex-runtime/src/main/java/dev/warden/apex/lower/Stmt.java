package dev.warden.apex.lower;

import java.util.List;

/** Apex statements after lowering. */
public sealed interface Stmt {
    Pos pos();

    record Block(List<Stmt> statements, Pos pos) implements Stmt {
        public Block {
            statements = List.copyOf(statements);
        }
    }

    record Declarator(String name, Expr init, Pos pos) {}

    record LocalVar(TypeRef type, List<Declarator> vars, Pos pos) implements Stmt {
        public LocalVar {
            vars = List.copyOf(vars);
        }
    }

    record ExprStmt(Expr expr, Pos pos) implements Stmt {}

    record If(Expr condition, Stmt then, Stmt otherwise, Pos pos) implements Stmt {}

    record While(Expr condition, Stmt body, Pos pos) implements Stmt {}

    record DoWhile(Stmt body, Expr condition, Pos pos) implements Stmt {}

    /** Classic {@code for (init; condition; updates)}; init is a LocalVar or expression statements. */
    record For(List<Stmt> init, Expr condition, List<Expr> updates, Stmt body, Pos pos) implements Stmt {
        public For {
            init = List.copyOf(init);
            updates = List.copyOf(updates);
        }
    }

    /** {@code for (T x : iterable)}, including SOQL for loops ({@code iterable} is an Expr.Soql). */
    record ForEach(TypeRef type, String name, Expr iterable, Stmt body, Pos pos) implements Stmt {}

    record Return(Expr value, Pos pos) implements Stmt {}

    record Throw(Expr value, Pos pos) implements Stmt {}

    record Break(Pos pos) implements Stmt {}

    record Continue(Pos pos) implements Stmt {}

    record Catch(TypeRef type, String name, Block body, Pos pos) {}

    record Try(Block body, List<Catch> catches, Block fin, Pos pos) implements Stmt {
        public Try {
            catches = List.copyOf(catches);
        }
    }

    /** insert/update/delete/undelete/upsert/merge with an optional {@code as user|system}. */
    record Dml(String operation, String accessLevel, Expr records, String externalIdField, Pos pos) implements Stmt {}

    /** One {@code when}: else (all lists empty, type null), literal values, or {@code when T name}. */
    record When(List<Expr> values, TypeRef type, String name, boolean isElse, Block body, Pos pos) {
        public When {
            values = List.copyOf(values);
        }
    }

    record Switch(Expr subject, List<When> whens, Pos pos) implements Stmt {
        public Switch {
            whens = List.copyOf(whens);
        }
    }

    record RunAs(List<Expr> args, Block body, Pos pos) implements Stmt {
        public RunAs {
            args = List.copyOf(args);
        }
    }
}
