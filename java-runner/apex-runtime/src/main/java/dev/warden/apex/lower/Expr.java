package dev.warden.apex.lower;

import java.util.List;

/** Apex expressions after lowering. Every node keeps where it was written. */
public sealed interface Expr {
    Pos pos();

    /** Integer, Long, BigDecimal (Decimal), String, Boolean or null. */
    record Literal(Object value, Pos pos) implements Expr {}

    /** A bare identifier: local, field, or the first part of a type name. */
    record Name(String name, Pos pos) implements Expr {}

    record This(Pos pos) implements Expr {}

    record Super(Pos pos) implements Expr {}

    /** {@code target.name} or {@code target?.name}. */
    record Field(Expr target, String name, boolean safe, Pos pos) implements Expr {}

    /** {@code name(args)} (target null), {@code target.name(args)}; {@code this(...)}/{@code super(...)} chaining. */
    record Call(Expr target, String name, List<Expr> args, boolean safe, Pos pos) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    record Index(Expr target, Expr index, Pos pos) implements Expr {}

    /** {@code new T(args)} for classes and SObjects (SObject args are {@code Field = value} assignments). */
    record New(TypeRef type, List<Expr> args, Pos pos) implements Expr {
        public New {
            args = List.copyOf(args);
        }
    }

    /** {@code new List<T>{a, b}}, {@code new Set<T>{...}}, {@code new T[]{...}}, {@code new T[n]} (size). */
    record NewCollection(TypeRef type, List<Expr> elements, Expr size, Pos pos) implements Expr {
        public NewCollection {
            elements = List.copyOf(elements);
        }
    }

    /** {@code new Map<K,V>{k => v, ...}}. */
    record NewMap(TypeRef type, List<Expr> keys, List<Expr> values, Pos pos) implements Expr {
        public NewMap {
            keys = List.copyOf(keys);
            values = List.copyOf(values);
        }
    }

    record Cast(TypeRef type, Expr value, Pos pos) implements Expr {}

    record InstanceOf(Expr value, TypeRef type, Pos pos) implements Expr {}

    /** {@code -x}, {@code +x}, {@code !x}, {@code ~x}. */
    record Unary(String op, Expr operand, Pos pos) implements Expr {}

    /** {@code ++x}, {@code x--}. */
    record Step(Expr target, int delta, boolean prefix, Pos pos) implements Expr {}

    /** Arithmetic, comparison, equality, logical, bitwise and {@code ??} operators, as written. */
    record Binary(String op, Expr left, Expr right, Pos pos) implements Expr {}

    record Ternary(Expr condition, Expr whenTrue, Expr whenFalse, Pos pos) implements Expr {}

    /** {@code =}, {@code +=}, ... ({@code op} is "=" or the compound operator without "="). */
    record Assign(String op, Expr target, Expr value, Pos pos) implements Expr {}

    /** {@code T.class}. */
    record TypeLiteral(TypeRef type, Pos pos) implements Expr {}

    /** An inline {@code [SELECT ...]}: the query text and its bind expressions in source order. */
    record Soql(String text, List<Expr> binds, Pos pos) implements Expr {
        public Soql {
            binds = List.copyOf(binds);
        }
    }
}
