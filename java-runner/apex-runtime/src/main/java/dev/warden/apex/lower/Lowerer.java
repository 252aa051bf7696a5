package dev.warden.apex.lower;

import io.github.apexdevtools.apexparser.ApexLexer;
import io.github.apexdevtools.apexparser.ApexParser;
import io.github.apexdevtools.apexparser.ApexParser.*;
import io.github.apexdevtools.apexparser.CaseInsensitiveInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * Turns apex-parser's concrete syntax tree into the small immutable AST of this package. Constructs the runtime
 * cannot execute (SOSL, ...) fail here with {@link UnsupportedFeature} and their position; syntax errors fail with
 * {@link ApexSyntaxError}.
 */
public final class Lowerer {
    private final String unit;
    private final CharStream input;

    private Lowerer(String unit, String source) {
        this.unit = unit;
        this.input = CharStreams.fromString(source);
    }

    /** A class file ({@code .cls}) named {@code unit}. */
    public static Decl.Type lowerClass(String unit, String source) {
        Lowerer l = new Lowerer(unit, source);
        ApexParser p = l.parser(source);
        CompilationUnitContext cu = p.compilationUnit();
        return l.typeDeclaration(cu.typeDeclaration());
    }

    /** A trigger file ({@code .trigger}). */
    public static Decl.Type lowerTrigger(String unit, String source) {
        Lowerer l = new Lowerer(unit, source);
        ApexParser p = l.parser(source);
        return l.trigger(p.triggerUnit());
    }

    /** Anonymous Apex: the block becomes the body of a synthetic class's static method {@code run()}. */
    public static Decl.Type lowerAnonymous(String unit, String source) {
        Lowerer l = new Lowerer(unit, source);
        ApexParser p = l.parser(source);
        return l.anonymous(p.anonymousUnit());
    }

    private ApexParser parser(String source) {
        ApexLexer lexer = new ApexLexer(new CaseInsensitiveInputStream(CharStreams.fromString(source)));
        SyntaxErrors errors = new SyntaxErrors();
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        ApexParser parser = new ApexParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        return parser;
    }

    private final class SyntaxErrors extends BaseErrorListener {
        @Override
        public void syntaxError(
                Recognizer<?, ?> r, Object symbol, int line, int col, String msg, RecognitionException e) {
            String near = symbol instanceof Token t ? (t.getType() == Token.EOF ? "<EOF>" : t.getText()) : msg;
            throw new ApexSyntaxError("Unexpected token '" + near + "'.", new Pos(unit, line, col + 1));
        }
    }

    private Pos pos(ParserRuleContext c) {
        return pos(c.getStart());
    }

    private Pos pos(Token t) {
        return new Pos(unit, t.getLine(), t.getCharPositionInLine() + 1);
    }

    private UnsupportedFeature unsupported(String what, ParserRuleContext c) {
        return new UnsupportedFeature(what, pos(c));
    }

    private String text(ParserRuleContext c) {
        return input.getText(
                Interval.of(c.getStart().getStartIndex(), c.getStop().getStopIndex()));
    }

    // ---- declarations

    private Decl.Type trigger(TriggerUnitContext t) {
        List<String> events = new ArrayList<>();
        for (TriggerCaseContext c : t.triggerCase()) {
            events.add((c.BEFORE() != null ? "before " : "after ")
                    + c.getChild(1).getText().toLowerCase(Locale.ROOT));
        }
        List<Stmt> body = new ArrayList<>();
        List<Decl> members = new ArrayList<>();
        for (TriggerBlockMemberContext m : t.triggerBlock().triggerBlockMember()) {
            if (m.statement() != null) {
                body.add(statement(m.statement()));
            } else {
                throw unsupported("trigger member declarations", m);
            }
        }
        Stmt.Block block = new Stmt.Block(body, pos(t.triggerBlock()));
        return new Decl.Type(
                Decl.Kind.TRIGGER,
                t.id(0).getText(),
                Set.of(),
                List.of(),
                null,
                List.of(),
                members,
                List.of(),
                new Decl.TriggerInfo(t.id(1).getText(), events, block),
                pos(t));
    }

    private Decl.Type anonymous(AnonymousUnitContext a) {
        List<Stmt> body = new ArrayList<>();
        List<Decl> members = new ArrayList<>();
        for (AnonymousBlockMemberContext m : a.anonymousBlock().anonymousBlockMember()) {
            if (m.statement() != null) {
                body.add(statement(m.statement()));
            } else if (m.modifier().isEmpty() && m.anonymousMemberDeclaration().fieldDeclaration() != null) {
                // `Integer x = 1;` at the top of an anonymous block is a local variable, not a field
                FieldDeclarationContext fd = m.anonymousMemberDeclaration().fieldDeclaration();
                List<Stmt.Declarator> vars = new ArrayList<>();
                for (VariableDeclaratorContext v : fd.variableDeclarators().variableDeclarator()) {
                    vars.add(new Stmt.Declarator(
                            v.id().getText(), v.expression() == null ? null : expr(v.expression()), pos(v)));
                }
                body.add(new Stmt.LocalVar(typeRef(fd.typeRef()), vars, pos(fd)));
            } else {
                Mods mods = modifiers(m.modifier());
                AnonymousMemberDeclarationContext d = m.anonymousMemberDeclaration();
                members.addAll(member(
                        mods,
                        d.methodDeclaration(),
                        null,
                        d.interfaceDeclaration(),
                        d.classDeclaration(),
                        d.enumDeclaration(),
                        d.propertyDeclaration(),
                        d.fieldDeclaration(),
                        unit));
            }
        }
        Pos p = new Pos(unit, 1, 1);
        members.add(new Decl.Method(
                Set.of("static", "public"), List.of(), null, "run", List.of(), new Stmt.Block(body, p), false, p));
        return new Decl.Type(
                Decl.Kind.CLASS, unit, Set.of("public"), List.of(), null, List.of(), members, List.of(), null, p);
    }

    private record Mods(Set<String> words, List<Decl.Annotation> annotations) {}

    private Mods modifiers(List<ModifierContext> list) {
        Set<String> words = new LinkedHashSet<>();
        List<Decl.Annotation> annotations = new ArrayList<>();
        for (ModifierContext m : list) {
            if (m.annotation() != null) {
                annotations.add(annotation(m.annotation()));
            } else if (m.SHARING() != null) {
                words.add(m.getChild(0).getText().toLowerCase(Locale.ROOT) + " sharing");
            } else {
                words.add(m.getText().toLowerCase(Locale.ROOT));
            }
        }
        return new Mods(words, annotations);
    }

    private Decl.Annotation annotation(AnnotationContext a) {
        Map<String, String> params = new LinkedHashMap<>();
        if (a.elementValuePairs() != null) {
            for (ElementValuePairContext p : a.elementValuePairs().elementValuePair()) {
                params.put(
                        p.id().getText().toLowerCase(Locale.ROOT),
                        unquote(p.elementValue().getText()));
            }
        } else if (a.elementValue() != null) {
            params.put("value", unquote(a.elementValue().getText()));
        }
        return new Decl.Annotation(a.qualifiedName().getText(), params);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("'") && s.endsWith("'") ? s.substring(1, s.length() - 1) : s;
    }

    private Decl.Type typeDeclaration(TypeDeclarationContext t) {
        Mods mods = modifiers(t.modifier());
        if (t.classDeclaration() != null) {
            return classDecl(mods, t.classDeclaration());
        }
        if (t.interfaceDeclaration() != null) {
            return interfaceDecl(mods, t.interfaceDeclaration());
        }
        return enumDecl(mods, t.enumDeclaration());
    }

    private Decl.Type classDecl(Mods mods, ClassDeclarationContext c) {
        List<Decl> members = new ArrayList<>();
        String name = c.id().getText();
        for (ClassBodyDeclarationContext d : c.classBody().classBodyDeclaration()) {
            if (d.SEMI() != null) {
                continue;
            }
            if (d.block() != null) {
                members.add(new Decl.Initializer(d.STATIC() != null, block(d.block()), pos(d)));
                continue;
            }
            Mods m = modifiers(d.modifier());
            MemberDeclarationContext md = d.memberDeclaration();
            members.addAll(member(
                    m,
                    md.methodDeclaration(),
                    md.constructorDeclaration(),
                    md.interfaceDeclaration(),
                    md.classDeclaration(),
                    md.enumDeclaration(),
                    md.propertyDeclaration(),
                    md.fieldDeclaration(),
                    name));
        }
        return new Decl.Type(
                Decl.Kind.CLASS,
                name,
                mods.words(),
                mods.annotations(),
                c.typeRef() == null ? null : typeRef(c.typeRef()),
                c.typeList() == null ? List.of() : typeList(c.typeList()),
                members,
                List.of(),
                null,
                pos(c));
    }

    private Decl.Type interfaceDecl(Mods mods, InterfaceDeclarationContext c) {
        List<Decl> members = new ArrayList<>();
        for (InterfaceMethodDeclarationContext m : c.interfaceBody().interfaceMethodDeclaration()) {
            Mods mm = modifiers(m.modifier());
            Set<String> words = new LinkedHashSet<>(mm.words());
            words.add("abstract");
            members.add(new Decl.Method(
                    words,
                    mm.annotations(),
                    m.VOID() != null ? null : typeRef(m.typeRef()),
                    m.id().getText(),
                    params(m.formalParameters()),
                    null,
                    false,
                    pos(m)));
        }
        return new Decl.Type(
                Decl.Kind.INTERFACE,
                c.id().getText(),
                mods.words(),
                mods.annotations(),
                null,
                c.typeList() == null ? List.of() : typeList(c.typeList()),
                members,
                List.of(),
                null,
                pos(c));
    }

    private Decl.Type enumDecl(Mods mods, EnumDeclarationContext c) {
        List<String> values = new ArrayList<>();
        if (c.enumConstants() != null) {
            for (IdContext id : c.enumConstants().id()) {
                values.add(id.getText());
            }
        }
        return new Decl.Type(
                Decl.Kind.ENUM,
                c.id().getText(),
                mods.words(),
                mods.annotations(),
                null,
                List.of(),
                List.of(),
                values,
                null,
                pos(c));
    }

    private List<Decl> member(
            Mods m,
            MethodDeclarationContext method,
            ConstructorDeclarationContext ctor,
            InterfaceDeclarationContext iface,
            ClassDeclarationContext cls,
            EnumDeclarationContext en,
            PropertyDeclarationContext prop,
            FieldDeclarationContext field,
            String owner) {
        if (method != null) {
            return List.of(new Decl.Method(
                    m.words(),
                    m.annotations(),
                    method.VOID() != null ? null : typeRef(method.typeRef()),
                    method.id().getText(),
                    params(method.formalParameters()),
                    method.block() == null ? null : block(method.block()),
                    false,
                    pos(method)));
        }
        if (ctor != null) {
            return List.of(new Decl.Method(
                    m.words(),
                    m.annotations(),
                    null,
                    owner,
                    params(ctor.formalParameters()),
                    block(ctor.block()),
                    true,
                    pos(ctor)));
        }
        if (iface != null) {
            return List.of(interfaceDecl(m, iface));
        }
        if (cls != null) {
            return List.of(classDecl(m, cls));
        }
        if (en != null) {
            return List.of(enumDecl(m, en));
        }
        if (prop != null) {
            boolean hasGet = false;
            boolean hasSet = false;
            Stmt.Block getter = null;
            Stmt.Block setter = null;
            for (PropertyBlockContext b : prop.propertyBlock()) {
                if (b.getter() != null) {
                    hasGet = true;
                    getter =
                            b.getter().block() == null ? null : block(b.getter().block());
                } else {
                    hasSet = true;
                    setter =
                            b.setter().block() == null ? null : block(b.setter().block());
                }
            }
            return List.of(new Decl.Property(
                    m.words(),
                    m.annotations(),
                    typeRef(prop.typeRef()),
                    prop.id().getText(),
                    hasGet,
                    getter,
                    hasSet,
                    setter,
                    pos(prop)));
        }
        TypeRef type = typeRef(field.typeRef());
        List<Decl> fields = new ArrayList<>();
        for (VariableDeclaratorContext v : field.variableDeclarators().variableDeclarator()) {
            fields.add(new Decl.Field(
                    m.words(),
                    m.annotations(),
                    type,
                    v.id().getText(),
                    v.expression() == null ? null : expr(v.expression()),
                    pos(v)));
        }
        return fields;
    }

    private List<Decl.Param> params(FormalParametersContext f) {
        List<Decl.Param> out = new ArrayList<>();
        if (f.formalParameterList() != null) {
            for (FormalParameterContext p : f.formalParameterList().formalParameter()) {
                out.add(new Decl.Param(typeRef(p.typeRef()), p.id().getText(), pos(p)));
            }
        }
        return out;
    }

    // ---- types

    TypeRef typeRef(TypeRefContext t) {
        List<String> names = new ArrayList<>();
        List<TypeRef> args = List.of();
        for (TypeNameContext n : t.typeName()) {
            names.add(n.id() != null ? n.id().getText() : n.getChild(0).getText());
            if (n.typeArguments() != null) {
                args = typeList(n.typeArguments().typeList());
            }
        }
        TypeRef base = new TypeRef(names, args, pos(t));
        int dims = t.arraySubscripts().LBRACK().size();
        for (int i = 0; i < dims; i++) {
            base = TypeRef.of("List", base.pos(), base);
        }
        return base;
    }

    private List<TypeRef> typeList(TypeListContext l) {
        List<TypeRef> out = new ArrayList<>();
        for (TypeRefContext t : l.typeRef()) {
            out.add(typeRef(t));
        }
        return out;
    }

    // ---- statements

    private Stmt.Block block(BlockContext b) {
        List<Stmt> out = new ArrayList<>();
        for (StatementContext s : b.statement()) {
            out.add(statement(s));
        }
        return new Stmt.Block(out, pos(b));
    }

    private Stmt statementOrEmpty(StatementContext s, ParserRuleContext owner) {
        return s == null ? new Stmt.Block(List.of(), pos(owner)) : statement(s);
    }

    Stmt statement(StatementContext s) {
        Pos p = pos(s);
        if (s.block() != null) {
            return block(s.block());
        }
        if (s.ifStatement() != null) {
            IfStatementContext i = s.ifStatement();
            return new Stmt.If(
                    expr(i.parExpression().expression()),
                    statement(i.statement(0)),
                    i.statement().size() > 1 ? statement(i.statement(1)) : null,
                    p);
        }
        if (s.switchStatement() != null) {
            return switchStatement(s.switchStatement());
        }
        if (s.forStatement() != null) {
            return forStatement(s.forStatement());
        }
        if (s.whileStatement() != null) {
            WhileStatementContext w = s.whileStatement();
            return new Stmt.While(expr(w.parExpression().expression()), statementOrEmpty(w.statement(), w), p);
        }
        if (s.doWhileStatement() != null) {
            DoWhileStatementContext d = s.doWhileStatement();
            return new Stmt.DoWhile(block(d.block()), expr(d.parExpression().expression()), p);
        }
        if (s.tryStatement() != null) {
            TryStatementContext t = s.tryStatement();
            List<Stmt.Catch> catches = new ArrayList<>();
            for (CatchClauseContext c : t.catchClause()) {
                List<String> names = new ArrayList<>();
                for (IdContext id : c.qualifiedName().id()) {
                    names.add(id.getText());
                }
                catches.add(new Stmt.Catch(
                        new TypeRef(names, List.of(), pos(c.qualifiedName())),
                        c.id().getText(),
                        block(c.block()),
                        pos(c)));
            }
            return new Stmt.Try(
                    block(t.block()),
                    catches,
                    t.finallyBlock() == null ? null : block(t.finallyBlock().block()),
                    p);
        }
        if (s.returnStatement() != null) {
            ExpressionContext e = s.returnStatement().expression();
            return new Stmt.Return(e == null ? null : expr(e), p);
        }
        if (s.throwStatement() != null) {
            return new Stmt.Throw(expr(s.throwStatement().expression()), p);
        }
        if (s.breakStatement() != null) {
            return new Stmt.Break(p);
        }
        if (s.continueStatement() != null) {
            return new Stmt.Continue(p);
        }
        if (s.insertStatement() != null) {
            return dml(
                    "insert",
                    s.insertStatement().accessLevel(),
                    s.insertStatement().expression(),
                    null,
                    p);
        }
        if (s.updateStatement() != null) {
            return dml(
                    "update",
                    s.updateStatement().accessLevel(),
                    s.updateStatement().expression(),
                    null,
                    p);
        }
        if (s.deleteStatement() != null) {
            return dml(
                    "delete",
                    s.deleteStatement().accessLevel(),
                    s.deleteStatement().expression(),
                    null,
                    p);
        }
        if (s.undeleteStatement() != null) {
            return dml(
                    "undelete",
                    s.undeleteStatement().accessLevel(),
                    s.undeleteStatement().expression(),
                    null,
                    p);
        }
        if (s.upsertStatement() != null) {
            UpsertStatementContext u = s.upsertStatement();
            return dml(
                    "upsert",
                    u.accessLevel(),
                    u.expression(),
                    u.qualifiedName() == null ? null : u.qualifiedName().getText(),
                    p);
        }
        if (s.mergeStatement() != null) {
            throw unsupported("merge", s);
        }
        if (s.runAsStatement() != null) {
            RunAsStatementContext r = s.runAsStatement();
            return new Stmt.RunAs(exprs(r.expressionList()), block(r.block()), p);
        }
        if (s.localVariableDeclarationStatement() != null) {
            return localVar(s.localVariableDeclarationStatement().localVariableDeclaration());
        }
        return new Stmt.ExprStmt(expr(s.expressionStatement().expression()), p);
    }

    private Stmt dml(String op, AccessLevelContext access, ExpressionContext e, String extId, Pos p) {
        String level = access == null ? null : access.getChild(1).getText().toLowerCase(Locale.ROOT);
        return new Stmt.Dml(op, level, expr(e), extId, p);
    }

    private Stmt.LocalVar localVar(LocalVariableDeclarationContext d) {
        TypeRef type = typeRef(d.typeRef());
        List<Stmt.Declarator> vars = new ArrayList<>();
        for (VariableDeclaratorContext v : d.variableDeclarators().variableDeclarator()) {
            vars.add(new Stmt.Declarator(
                    v.id().getText(), v.expression() == null ? null : expr(v.expression()), pos(v)));
        }
        return new Stmt.LocalVar(type, vars, pos(d));
    }

    private Stmt forStatement(ForStatementContext f) {
        Pos p = pos(f);
        ForControlContext c = f.forControl();
        Stmt body = statementOrEmpty(f.statement(), f);
        if (c.enhancedForControl() != null) {
            EnhancedForControlContext e = c.enhancedForControl();
            return new Stmt.ForEach(typeRef(e.typeRef()), e.id().getText(), expr(e.expression()), body, p);
        }
        List<Stmt> init = new ArrayList<>();
        if (c.forInit() != null) {
            if (c.forInit().localVariableDeclaration() != null) {
                init.add(localVar(c.forInit().localVariableDeclaration()));
            } else {
                for (Expr e : exprs(c.forInit().expressionList())) {
                    init.add(new Stmt.ExprStmt(e, e.pos()));
                }
            }
        }
        return new Stmt.For(
                init,
                c.expression() == null ? null : expr(c.expression()),
                c.forUpdate() == null ? List.of() : exprs(c.forUpdate().expressionList()),
                body,
                p);
    }

    private Stmt switchStatement(SwitchStatementContext s) {
        List<Stmt.When> whens = new ArrayList<>();
        for (WhenControlContext w : s.whenControl()) {
            WhenValueContext v = w.whenValue();
            Pos p = pos(w);
            if (v.ELSE() != null) {
                whens.add(new Stmt.When(List.of(), null, null, true, block(w.block()), p));
            } else if (v.typeRef() != null) {
                whens.add(new Stmt.When(List.of(), typeRef(v.typeRef()), v.id().getText(), false, block(w.block()), p));
            } else {
                List<Expr> values = new ArrayList<>();
                for (WhenLiteralContext l : v.whenLiteral()) {
                    values.add(whenLiteral(l));
                }
                whens.add(new Stmt.When(values, null, null, false, block(w.block()), p));
            }
        }
        return new Stmt.Switch(expr(s.expression()), whens, pos(s));
    }

    private Expr whenLiteral(WhenLiteralContext l) {
        Pos p = pos(l);
        if (l.whenLiteral() != null) {
            return whenLiteral(l.whenLiteral());
        }
        boolean negative = l.SUB().size() % 2 == 1;
        if (l.IntegerLiteral() != null) {
            int v = Integer.parseInt(l.IntegerLiteral().getText());
            return new Expr.Literal(negative ? -v : v, p);
        }
        if (l.LongLiteral() != null) {
            String t = l.LongLiteral().getText();
            long v = Long.parseLong(t.substring(0, t.length() - 1));
            return new Expr.Literal(negative ? -v : v, p);
        }
        if (l.StringLiteral() != null) {
            return new Expr.Literal(StringLiterals.decode(l.StringLiteral().getText(), p), p);
        }
        if (l.NULL() != null) {
            return new Expr.Literal(null, p);
        }
        if (l.MultilineStringLiteral() != null) {
            throw unsupported("multiline string literals", l);
        }
        // an enum value (possibly qualified)
        Expr e = null;
        for (IdContext id : l.qualifiedName().id()) {
            e = e == null ? new Expr.Name(id.getText(), pos(id)) : new Expr.Field(e, id.getText(), false, pos(id));
        }
        return e;
    }

    // ---- expressions

    private List<Expr> exprs(ExpressionListContext l) {
        List<Expr> out = new ArrayList<>();
        if (l != null) {
            for (ExpressionContext e : l.expression()) {
                out.add(expr(e));
            }
        }
        return out;
    }

    Expr expr(ExpressionContext e) {
        Pos p = pos(e);
        if (e instanceof PrimaryExpressionContext pe) {
            return primary(pe.primary());
        }
        if (e instanceof DotExpressionContext d) {
            Expr target = expr(d.expression());
            boolean safe = d.QUESTIONDOT() != null;
            if (d.dotMethodCall() != null) {
                DotMethodCallContext m = d.dotMethodCall();
                return new Expr.Call(target, m.anyId().getText(), exprs(m.expressionList()), safe, pos(m));
            }
            return new Expr.Field(target, d.anyId().getText(), safe, pos(d.anyId()));
        }
        if (e instanceof ArrayExpressionContext a) {
            return new Expr.Index(expr(a.expression(0)), expr(a.expression(1)), p);
        }
        if (e instanceof MethodCallExpressionContext mc) {
            MethodCallContext m = mc.methodCall();
            String name = m.THIS() != null ? "this" : m.SUPER() != null ? "super" : m.id().getText();
            return new Expr.Call(null, name, exprs(m.expressionList()), false, p);
        }
        if (e instanceof NewExpressionContext n) {
            return creator(n.creator(), p);
        }
        if (e instanceof CastExpressionContext c) {
            return new Expr.Cast(typeRef(c.typeRef()), expr(c.expression()), p);
        }
        if (e instanceof SubExpressionContext s) {
            return expr(s.expression());
        }
        if (e instanceof PostOpExpressionContext po) {
            return new Expr.Step(expr(po.expression()), po.INC() != null ? 1 : -1, false, p);
        }
        if (e instanceof PreOpExpressionContext pr) {
            if (pr.INC() != null || pr.DEC() != null) {
                return new Expr.Step(expr(pr.expression()), pr.INC() != null ? 1 : -1, true, p);
            }
            Expr operand = expr(pr.expression());
            if (pr.SUB() != null && operand instanceof Expr.Literal lit && lit.value() instanceof Number) {
                return negate(lit, p);
            }
            return new Expr.Unary(pr.SUB() != null ? "-" : "+", operand, p);
        }
        if (e instanceof NegExpressionContext ne) {
            return new Expr.Unary(ne.BANG() != null ? "!" : "~", expr(ne.expression()), p);
        }
        if (e instanceof Arth1ExpressionContext a) {
            return binary(a.getChild(1).getText(), a.expression(0), a.expression(1), p);
        }
        if (e instanceof Arth2ExpressionContext a) {
            return binary(a.getChild(1).getText(), a.expression(0), a.expression(1), p);
        }
        if (e instanceof BitExpressionContext b) {
            String op = b.LT().size() == 2 ? "<<" : b.GT().size() == 3 ? ">>>" : ">>";
            return binary(op, b.expression(0), b.expression(1), p);
        }
        if (e instanceof CmpExpressionContext c) {
            String op = (c.GT() != null ? ">" : "<") + (c.ASSIGN() != null ? "=" : "");
            return binary(op, c.expression(0), c.expression(1), p);
        }
        if (e instanceof InstanceOfExpressionContext io) {
            return new Expr.InstanceOf(expr(io.expression()), typeRef(io.typeRef()), p);
        }
        if (e instanceof EqualityExpressionContext eq) {
            String op = eq.getChild(1).getText();
            return binary(op.equals("<>") ? "!=" : op, eq.expression(0), eq.expression(1), p);
        }
        if (e instanceof BitAndExpressionContext b) {
            return binary("&", b.expression(0), b.expression(1), p);
        }
        if (e instanceof BitNotExpressionContext b) {
            return binary("^", b.expression(0), b.expression(1), p);
        }
        if (e instanceof BitOrExpressionContext b) {
            return binary("|", b.expression(0), b.expression(1), p);
        }
        if (e instanceof LogAndExpressionContext b) {
            return binary("&&", b.expression(0), b.expression(1), p);
        }
        if (e instanceof LogOrExpressionContext b) {
            return binary("||", b.expression(0), b.expression(1), p);
        }
        if (e instanceof CoalExpressionContext b) {
            return binary("??", b.expression(0), b.expression(1), p);
        }
        if (e instanceof CondExpressionContext c) {
            return new Expr.Ternary(expr(c.expression(0)), expr(c.expression(1)), expr(c.expression(2)), p);
        }
        if (e instanceof AssignExpressionContext a) {
            String op = a.getChild(1).getText();
            return new Expr.Assign(
                    op.equals("=") ? "=" : op.substring(0, op.length() - 1),
                    expr(a.expression(0)),
                    expr(a.expression(1)),
                    pos(
                            a.getChild(1) instanceof org.antlr.v4.runtime.tree.TerminalNode t
                                    ? t.getSymbol()
                                    : a.getStart()));
        }
        throw unsupported(e.getClass().getSimpleName().replace("Context", ""), e);
    }

    private Expr negate(Expr.Literal lit, Pos p) {
        Object v = lit.value();
        Object n = v instanceof Integer i
                ? (Object) (-i)
                : v instanceof Long l ? (Object) (-l) : ((BigDecimal) v).negate();
        return new Expr.Literal(n, p);
    }

    private Expr binary(String op, ExpressionContext l, ExpressionContext r, Pos p) {
        return new Expr.Binary(op, expr(l), expr(r), p);
    }

    private Expr primary(PrimaryContext pc) {
        Pos p = pos(pc);
        if (pc instanceof ThisPrimaryContext) {
            return new Expr.This(p);
        }
        if (pc instanceof SuperPrimaryContext) {
            return new Expr.Super(p);
        }
        if (pc instanceof LiteralPrimaryContext lp) {
            return literal(lp.literal(), p);
        }
        if (pc instanceof TypeRefPrimaryContext t) {
            return new Expr.TypeLiteral(typeRef(t.typeRef()), p);
        }
        if (pc instanceof IdPrimaryContext id) {
            return new Expr.Name(id.id().getText(), p);
        }
        if (pc instanceof SoqlPrimaryContext s) {
            return soql(s.soqlLiteral().query(), p);
        }
        if (pc instanceof SoslPrimaryContext) {
            throw unsupported("SOSL", pc);
        }
        throw unsupported(pc.getText(), pc);
    }

    private Expr soql(QueryContext q, Pos p) {
        List<BoundExpressionContext> bound = new ArrayList<>();
        collectBinds(q, bound);
        List<Expr> binds = new ArrayList<>();
        for (BoundExpressionContext b : bound) {
            binds.add(expr(b.expression()));
        }
        return new Expr.Soql(text(q), binds, pos(q));
    }

    /** Bind expressions in source order (depth-first over the tree is source order). */
    private static void collectBinds(ParseTree node, List<BoundExpressionContext> out) {
        if (node instanceof BoundExpressionContext b) {
            out.add(b);
            return;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            collectBinds(node.getChild(i), out);
        }
    }

    private Expr literal(LiteralContext l, Pos p) {
        if (l.IntegerLiteral() != null) {
            String t = l.IntegerLiteral().getText();
            try {
                return new Expr.Literal(Integer.parseInt(t), p);
            } catch (NumberFormatException e) {
                throw new ApexSyntaxError("Illegal integer", p);
            }
        }
        if (l.LongLiteral() != null) {
            String t = l.LongLiteral().getText();
            return new Expr.Literal(Long.parseLong(t.substring(0, t.length() - 1)), p);
        }
        if (l.NumberLiteral() != null) {
            String t = l.NumberLiteral().getText();
            char last = Character.toLowerCase(t.charAt(t.length() - 1));
            if (last == 'd') {
                return new Expr.Literal(Double.parseDouble(t.substring(0, t.length() - 1)), p);
            }
            return new Expr.Literal(new BigDecimal(t), p);
        }
        if (l.StringLiteral() != null) {
            return new Expr.Literal(StringLiterals.decode(l.StringLiteral().getText(), p), p);
        }
        if (l.BooleanLiteral() != null) {
            return new Expr.Literal(l.BooleanLiteral().getText().equalsIgnoreCase("true"), p);
        }
        if (l.NULL() != null) {
            return new Expr.Literal(null, p);
        }
        throw unsupported("multiline string literals", l);
    }

    private Expr creator(CreatorContext c, Pos p) {
        List<IdCreatedNamePairContext> pairs = c.createdName().idCreatedNamePair();
        List<String> names = new ArrayList<>();
        List<TypeRef> args = List.of();
        for (IdCreatedNamePairContext pair : pairs) {
            names.add(pair.anyId().getText());
            if (pair.typeList() != null) {
                args = typeList(pair.typeList());
            }
        }
        TypeRef type = new TypeRef(names, args, pos(c.createdName()));
        if (c.noRest() != null) {
            return type.is("map")
                    ? new Expr.NewMap(type, List.of(), List.of(), p)
                    : new Expr.NewCollection(type, List.of(), null, p);
        }
        if (c.classCreatorRest() != null) {
            return new Expr.New(type, exprs(c.classCreatorRest().arguments().expressionList()), p);
        }
        if (c.arrayCreatorRest() != null) {
            ArrayCreatorRestContext a = c.arrayCreatorRest();
            TypeRef list = TypeRef.of("List", type.pos(), type);
            if (a.expression() != null) {
                return new Expr.NewCollection(list, List.of(), expr(a.expression()), p);
            }
            List<Expr> elements = new ArrayList<>();
            if (a.arrayInitializer() != null) {
                for (ExpressionContext e : a.arrayInitializer().expression()) {
                    elements.add(expr(e));
                }
            }
            return new Expr.NewCollection(list, elements, null, p);
        }
        if (c.mapCreatorRest() != null) {
            List<Expr> keys = new ArrayList<>();
            List<Expr> values = new ArrayList<>();
            for (MapCreatorRestPairContext pair : c.mapCreatorRest().mapCreatorRestPair()) {
                keys.add(expr(pair.expression(0)));
                values.add(expr(pair.expression(1)));
            }
            return new Expr.NewMap(type, keys, values, p);
        }
        List<Expr> elements = new ArrayList<>();
        for (ExpressionContext e : c.setCreatorRest().expression()) {
            elements.add(expr(e));
        }
        return new Expr.NewCollection(type, elements, null, p);
    }
}
