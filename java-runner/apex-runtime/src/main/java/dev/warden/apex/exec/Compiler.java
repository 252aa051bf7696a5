package dev.warden.apex.exec;

import dev.warden.apex.host.SObjectSchema;
import dev.warden.apex.lib.Builtin;
import dev.warden.apex.lib.Builtins;
import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.link.CompileError;
import dev.warden.apex.link.FieldSlot;
import dev.warden.apex.link.MethodInfo;
import dev.warden.apex.lower.Expr;
import dev.warden.apex.lower.Pos;
import dev.warden.apex.lower.Stmt;
import dev.warden.apex.lower.TypeRef;
import dev.warden.apex.lower.UnsupportedFeature;
import dev.warden.apex.value.ApexId;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.ApexObject;
import dev.warden.apex.value.SObjectValue;
import dev.warden.soql.FieldInfo;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles one method body (or initialiser, accessor, trigger body) to closures, resolving names as Apex does:
 * locals, then fields of the class and its superclasses, then statics of outer classes, then types. Unknown names
 * are compile errors in Salesforce's words.
 */
final class Compiler {
    private final Program program;
    private final ClassInfo cls;
    private final boolean isStatic;
    private final String unit;
    private final BitSet executable;
    private final Deque<Map<String, Local>> scopes = new ArrayDeque<>();
    private int next;
    private int max;
    /** Inside a property accessor, the property's own name means its backing slot. */
    private FieldSlot accessorOf;

    record Local(int slot, RType type) {}

    Compiler(Program program, ClassInfo cls, boolean isStatic) {
        this.program = program;
        this.cls = cls;
        this.isStatic = isStatic;
        this.unit = cls.top().name();
        this.executable = program.executableLines(unit);
        scopes.push(new HashMap<>());
    }

    int frameSize() {
        return max;
    }

    void accessorOf(FieldSlot slot) {
        this.accessorOf = slot;
    }

    int declare(String name, RType type, Pos pos) {
        String k = name.toLowerCase(Locale.ROOT);
        for (Map<String, Local> s : scopes) {
            if (s.containsKey(k)) {
                throw new CompileError("Duplicate variable: " + name, pos);
            }
        }
        int slot = next++;
        max = Math.max(max, next);
        scopes.peek().put(k, new Local(slot, type));
        return slot;
    }

    Local localFor(String name) {
        return local(name);
    }

    FieldSlot accessorSlot() {
        return accessorOf;
    }

    private Local local(String name) {
        String k = name.toLowerCase(Locale.ROOT);
        for (Map<String, Local> s : scopes) {
            Local l = s.get(k);
            if (l != null) {
                return l;
            }
        }
        return null;
    }

    private void open() {
        scopes.push(new HashMap<>());
    }

    private void close() {
        Map<String, Local> s = scopes.pop();
        next -= s.size();
    }

    RType type(TypeRef t) {
        return program.types.resolve(t, cls);
    }

    // ---- statements

    Ex block(Stmt.Block b) {
        open();
        try {
            List<Ex> list = new ArrayList<>();
            for (Stmt s : b.statements()) {
                list.add(stmt(s));
            }
            Ex[] body = list.toArray(new Ex[0]);
            return f -> {
                for (Ex e : body) {
                    int r = e.exec(f);
                    if (r != Ex.NORMAL) {
                        return r;
                    }
                }
                return Ex.NORMAL;
            };
        } finally {
            close();
        }
    }

    /** A statement with its coverage probe and step count. */
    Ex stmt(Stmt s) {
        if (s instanceof Stmt.Block b) {
            return block(b);
        }
        Ex body = stmtBody(s);
        Pos pos = s.pos();
        executable.set(pos.line());
        String u = unit;
        return f -> {
            f.tx.step(u, pos, f);
            return body.exec(f);
        };
    }

    private Ex stmtBody(Stmt s) {
        if (s instanceof Stmt.LocalVar lv) {
            RType t = type(lv.type());
            List<Ex> inits = new ArrayList<>();
            for (Stmt.Declarator d : lv.vars()) {
                LiteralAssignments.check(t, d.init(), d.pos());
                Ev init = d.init() == null ? null : value(d.init()).ev();
                int slot = declare(d.name(), t, d.pos());
                inits.add(
                        init == null
                                ? f -> {
                                    f.slots[slot] = null;
                                    return Ex.NORMAL;
                                }
                                : f -> {
                                    f.slots[slot] = Types.coerce(f, init.eval(f), t);
                                    return Ex.NORMAL;
                                });
            }
            Ex[] all = inits.toArray(new Ex[0]);
            return f -> {
                for (Ex e : all) {
                    e.exec(f);
                }
                return Ex.NORMAL;
            };
        }
        if (s instanceof Stmt.ExprStmt es) {
            Ev e = value(es.expr()).ev();
            return f -> {
                e.eval(f);
                return Ex.NORMAL;
            };
        }
        if (s instanceof Stmt.If i) {
            Ev c = condition(i.condition());
            Ex then = scoped(i.then());
            Ex other = i.otherwise() == null ? null : scoped(i.otherwise());
            return f -> truth(f, c.eval(f)) ? then.exec(f) : other == null ? Ex.NORMAL : other.exec(f);
        }
        if (s instanceof Stmt.While w) {
            Ev c = condition(w.condition());
            Ex body = scoped(w.body());
            return f -> {
                while (truth(f, c.eval(f))) {
                    int r = body.exec(f);
                    if (r == Ex.BREAK) {
                        break;
                    }
                    if (r == Ex.RETURN) {
                        return r;
                    }
                }
                return Ex.NORMAL;
            };
        }
        if (s instanceof Stmt.DoWhile d) {
            Ex body = scoped(d.body());
            Ev c = condition(d.condition());
            return f -> {
                do {
                    int r = body.exec(f);
                    if (r == Ex.BREAK) {
                        break;
                    }
                    if (r == Ex.RETURN) {
                        return r;
                    }
                } while (truth(f, c.eval(f)));
                return Ex.NORMAL;
            };
        }
        if (s instanceof Stmt.For fo) {
            return forLoop(fo);
        }
        if (s instanceof Stmt.ForEach fe) {
            return forEach(fe);
        }
        if (s instanceof Stmt.Return r) {
            if (r.value() == null) {
                return f -> Ex.RETURN;
            }
            Ev v = value(r.value()).ev();
            RType rt = returnType;
            return f -> {
                f.ret = Types.coerce(f, v.eval(f), rt);
                return Ex.RETURN;
            };
        }
        if (s instanceof Stmt.Throw t) {
            Ev v = value(t.value()).ev();
            return f -> {
                Object e = v.eval(f);
                if (!(e instanceof ApexObject o) || !o.type.isException()) {
                    throw Errors.npe(f);
                }
                o.state.put("stack", f.tx.stackTrace());
                throw new ApexThrow(o);
            };
        }
        if (s instanceof Stmt.Break) {
            return f -> Ex.BREAK;
        }
        if (s instanceof Stmt.Continue) {
            return f -> Ex.CONTINUE;
        }
        if (s instanceof Stmt.Try t) {
            return tryStmt(t);
        }
        if (s instanceof Stmt.Dml d) {
            Ev records = value(d.records()).ev();
            String op = d.operation();
            boolean userMode = "user".equals(d.accessLevel());
            String extId = d.externalIdField();
            if (op.equals("merge")) {
                throw new UnsupportedFeature("merge", d.pos());
            }
            return f -> {
                Dml.statement(f, op, records.eval(f), userMode, extId);
                return Ex.NORMAL;
            };
        }
        if (s instanceof Stmt.Switch sw) {
            return switchStmt(sw);
        }
        if (s instanceof Stmt.RunAs ra) {
            if (ra.args().size() != 1) {
                throw new UnsupportedFeature("System.runAs with " + ra.args().size() + " arguments", ra.pos());
            }
            Ev user = value(ra.args().get(0)).ev();
            Ex body = block(ra.body());
            return f -> RunAs.run(f, user.eval(f), body);
        }
        throw new UnsupportedFeature(s.getClass().getSimpleName(), s.pos());
    }

    RType returnType;

    private Ex scoped(Stmt s) {
        open();
        try {
            return stmt(s);
        } finally {
            close();
        }
    }

    private Ev condition(Expr e) {
        return value(e).ev();
    }

    static boolean truth(Frame f, Object v) {
        if (v == null) {
            throw Errors.npe(f);
        }
        return (Boolean) v;
    }

    private Ex forLoop(Stmt.For fo) {
        open();
        try {
            List<Ex> init = new ArrayList<>();
            for (Stmt s : fo.init()) {
                init.add(stmtBody(s));
            }
            Ev c = fo.condition() == null ? null : condition(fo.condition());
            List<Ev> updates = new ArrayList<>();
            for (Expr u : fo.updates()) {
                updates.add(value(u).ev());
            }
            Ex body = scoped(fo.body());
            Ex[] inits = init.toArray(new Ex[0]);
            Ev[] ups = updates.toArray(new Ev[0]);
            return f -> {
                for (Ex i : inits) {
                    i.exec(f);
                }
                while (c == null || truth(f, c.eval(f))) {
                    int r = body.exec(f);
                    if (r == Ex.BREAK) {
                        break;
                    }
                    if (r == Ex.RETURN) {
                        return r;
                    }
                    for (Ev u : ups) {
                        u.eval(f);
                    }
                }
                return Ex.NORMAL;
            };
        } finally {
            close();
        }
    }

    private Ex forEach(Stmt.ForEach fe) {
        C iterable = value(fe.iterable());
        open();
        try {
            RType t = type(fe.type());
            int slot = declare(fe.name(), t, fe.pos());
            Ex body = scoped(fe.body());
            boolean batches = fe.iterable() instanceof Expr.Soql && t.kind() == RType.Kind.LIST;
            Ev it = iterable.ev();
            return f -> {
                Object coll = it.eval(f);
                if (coll == null) {
                    throw Errors.npe(f);
                }
                Iterable<Object> items = Collections.iterate(f, coll);
                if (batches) {
                    // SOQL for loop over lists: batches of 200 records
                    List<Object> all = new ArrayList<>();
                    items.forEach(all::add);
                    List<Object> chunks = new ArrayList<>();
                    for (int i = 0; i < all.size(); i += 200) {
                        chunks.add(new ApexList(
                                t.a().ref(), new ArrayList<>(all.subList(i, Math.min(all.size(), i + 200)))));
                    }
                    items = chunks;
                }
                for (Object o : items) {
                    f.slots[slot] = Types.coerce(f, o, t);
                    int r = body.exec(f);
                    if (r == Ex.BREAK) {
                        break;
                    }
                    if (r == Ex.RETURN) {
                        return r;
                    }
                }
                return Ex.NORMAL;
            };
        } finally {
            close();
        }
    }

    private record CatchClause(RType type, int slot, Ex body) {}

    private Ex tryStmt(Stmt.Try t) {
        Ex body = block(t.body());
        List<CatchClause> catches = new ArrayList<>();
        for (Stmt.Catch c : t.catches()) {
            open();
            try {
                RType type = type(c.type());
                if (type.kind() != RType.Kind.CLASS || !type.cls().isException()) {
                    throw new CompileError(
                            "Invalid type: " + c.type().name(), c.type().pos());
                }
                int slot = declare(c.name(), type, c.pos());
                catches.add(new CatchClause(type, slot, block(c.body())));
            } finally {
                close();
            }
        }
        Ex fin = t.fin() == null ? null : block(t.fin());
        CatchClause[] cs = catches.toArray(new CatchClause[0]);
        return f -> {
            int depth = f.tx.stack.size();
            try {
                return body.exec(f);
            } catch (ApexThrow e) {
                while (f.tx.stack.size() > depth) {
                    f.tx.pop();
                }
                if (e.exception.type.name().equals("System.LimitException")) {
                    throw e;
                }
                for (CatchClause c : cs) {
                    if (e.exception.type.isSubtypeOf(c.type().cls())) {
                        f.slots[c.slot()] = e.exception;
                        return c.body().exec(f);
                    }
                }
                throw e;
            } finally {
                if (fin != null) {
                    int r = fin.exec(f);
                    if (r != Ex.NORMAL) {
                        throw new UnsupportedFeature("break, continue or return inside finally", t.pos());
                    }
                }
            }
        };
    }

    private Ex switchStmt(Stmt.Switch sw) {
        C subject = value(sw.subject());
        List<Ex> arms = new ArrayList<>();
        List<SwitchArm.Test> tests = new ArrayList<>();
        for (Stmt.When w : sw.whens()) {
            open();
            try {
                if (w.isElse()) {
                    tests.add((f, v) -> true);
                } else if (w.type() != null) {
                    RType t = type(w.type());
                    int slot = declare(w.name(), t, w.pos());
                    tests.add((f, v) -> {
                        if (Types.isInstance(v, t)) {
                            f.slots[slot] = v;
                            return true;
                        }
                        return false;
                    });
                } else {
                    List<SwitchArm.Test> values = new ArrayList<>();
                    for (Expr e : w.values()) {
                        values.add(SwitchArm.literal(this, e));
                    }
                    tests.add((f, v) -> {
                        for (SwitchArm.Test t : values) {
                            if (t.matches(f, v)) {
                                return true;
                            }
                        }
                        return false;
                    });
                }
                arms.add(block(w.body()));
            } finally {
                close();
            }
        }
        Ev subj = subject.ev();
        SwitchArm.Test[] ts = tests.toArray(new SwitchArm.Test[0]);
        Ex[] bodies = arms.toArray(new Ex[0]);
        return f -> {
            Object v = subj.eval(f);
            for (int i = 0; i < ts.length; i++) {
                if (ts[i].matches(f, v)) {
                    return bodies[i].exec(f);
                }
            }
            return Ex.NORMAL;
        };
    }

    // ---- expressions

    /** An expression used as a value (a type name there is "Variable does not exist"). */
    C value(Expr e) {
        Object r = expr(e);
        if (r instanceof TypeTarget) {
            String n = e instanceof Expr.Name nm ? nm.name() : e instanceof Expr.Field fl ? fl.name() : e.toString();
            throw new CompileError("Variable does not exist: " + n, e.pos());
        }
        return (C) r;
    }

    /** A C, or a TypeTarget when the expression names a type or namespace. */
    Object expr(Expr e) {
        if (e instanceof Expr.Literal l) {
            Object v = l.value();
            return new C(f -> v, literalType(v));
        }
        if (e instanceof Expr.Name n) {
            return name(n);
        }
        if (e instanceof Expr.This t) {
            if (isStatic) {
                throw new CompileError("This cannot be referenced in a static context", t.pos());
            }
            return new C(f -> f.self, RType.ofClass(cls));
        }
        if (e instanceof Expr.Field fl) {
            return Members.field(this, fl);
        }
        if (e instanceof Expr.Call call) {
            return Calls.call(this, call);
        }
        if (e instanceof Expr.Index ix) {
            C target = value(ix.target());
            C index = value(ix.index());
            Ev t = target.ev();
            Ev i = index.ev();
            RType elem = target.type() != null && target.type().kind() == RType.Kind.LIST
                    ? target.type().a()
                    : null;
            return new C(f -> Collections.index(f, t.eval(f), i.eval(f)), elem);
        }
        if (e instanceof Expr.New n) {
            return Creation.create(this, n);
        }
        if (e instanceof Expr.NewCollection n) {
            return Creation.collection(this, n);
        }
        if (e instanceof Expr.NewMap n) {
            return Creation.map(this, n);
        }
        if (e instanceof Expr.Cast c) {
            RType t = type(c.type());
            Ev v = value(c.value()).ev();
            return new C(f -> Types.cast(f, v.eval(f), t), t);
        }
        if (e instanceof Expr.InstanceOf io) {
            RType t = type(io.type());
            Ev v = value(io.value()).ev();
            return new C(f -> Types.isInstance(v.eval(f), t), RType.BOOLEAN_T);
        }
        if (e instanceof Expr.Unary u) {
            return Operators.unary(this, u);
        }
        if (e instanceof Expr.Binary b) {
            return Operators.binary(this, b);
        }
        if (e instanceof Expr.Step st) {
            return Assignments.step(this, st);
        }
        if (e instanceof Expr.Assign a) {
            return Assignments.assign(this, a);
        }
        if (e instanceof Expr.Ternary t) {
            Ev c = value(t.condition()).ev();
            C a = value(t.whenTrue());
            C b = value(t.whenFalse());
            Ev ae = a.ev();
            Ev be = b.ev();
            return new C(f -> truth(f, c.eval(f)) ? ae.eval(f) : be.eval(f), a.type() != null ? a.type() : b.type());
        }
        if (e instanceof Expr.TypeLiteral tl) {
            RType t = type(tl.type());
            return new C(f -> new dev.warden.apex.lib.TypeLib.TypeToken(t), RType.simple(RType.Kind.NATIVE, "Type"));
        }
        if (e instanceof Expr.Soql q) {
            return Queries.inline(this, q);
        }
        if (e instanceof Expr.Super s) {
            return new C(f -> f.self, cls.superclass == null ? null : RType.ofClass(cls.superclass));
        }
        throw new UnsupportedFeature(e.getClass().getSimpleName(), e.pos());
    }

    static RType literalType(Object v) {
        if (v instanceof String) {
            return RType.STRING_T;
        }
        if (v instanceof Integer) {
            return RType.INTEGER_T;
        }
        if (v instanceof Long) {
            return RType.LONG_T;
        }
        if (v instanceof BigDecimal) {
            return RType.DECIMAL_T;
        }
        if (v instanceof Double) {
            return RType.DOUBLE_T;
        }
        if (v instanceof Boolean) {
            return RType.BOOLEAN_T;
        }
        return null;
    }

    /** A bare name: local, field (own, inherited, outer static), property, then a type or namespace. */
    private Object name(Expr.Name n) {
        Local l = local(n.name());
        if (l != null) {
            int slot = l.slot();
            return new C(f -> f.slots[slot], l.type());
        }
        if (accessorOf != null && accessorOf.name.equalsIgnoreCase(n.name())) {
            return Members.rawSlot(this, accessorOf);
        }
        for (ClassInfo c = cls; c != null; c = c.outer) {
            FieldSlot fs = c.staticField(n.name());
            if (fs != null) {
                return Members.readField(this, fs, null, n.pos());
            }
            if (c == cls) {
                FieldSlot inst = c.instanceField(n.name());
                if (inst != null) {
                    if (isStatic) {
                        throw new CompileError(
                                "Non static field cannot be referenced from a static context: " + n.name(), n.pos());
                    }
                    return Members.readField(this, inst, null, n.pos());
                }
            }
        }
        TypeTarget t = typeTarget(List.of(n.name()));
        if (t != null) {
            return t;
        }
        throw new CompileError("Variable does not exist: " + n.name(), n.pos());
    }

    /** The type, platform type or namespace that a dotted name denotes, or null. */
    TypeTarget typeTarget(List<String> names) {
        ClassInfo c = program.findClass(names, cls);
        if (c != null) {
            return new TypeTarget(c, null, null);
        }
        String key = String.join(".", names).toLowerCase(Locale.ROOT);
        Builtin b = Builtins.get(key);
        if (b != null) {
            return new TypeTarget(null, null, key);
        }
        if (names.size() == 1 || names.size() == 2 && names.get(0).equalsIgnoreCase("Schema")) {
            SObjectSchema s = program.describe(names.get(names.size() - 1));
            if (s != null) {
                return new TypeTarget(null, s, null);
            }
        }
        if (names.size() == 1 && (key.equals("system") || key.equals("schema") || key.equals("database"))) {
            return new TypeTarget(null, null, key);
        }
        ClassInfo pe = names.size() <= 2 ? program.platformExceptionOrNull(names.get(names.size() - 1)) : null;
        if (pe != null && (names.size() == 1 || names.get(0).equalsIgnoreCase("System"))) {
            return new TypeTarget(pe, null, null);
        }
        String bare = key.startsWith("schema.") || key.startsWith("system.") ? key.substring(7) : key;
        if (Types.NATIVE.containsKey(key) || Types.NATIVE.containsKey(bare)) {
            return new TypeTarget(null, null, Types.NATIVE.containsKey(key) ? key : bare);
        }
        if (PlatformCatalogue.isTarget(key)) {
            return new TypeTarget(null, null, key);
        }
        return null;
    }

    Program program() {
        return program;
    }

    ClassInfo cls() {
        return cls;
    }

    boolean isStatic() {
        return isStatic;
    }

    String unit() {
        return unit;
    }

    /** The SObject field named {@code name} of {@code schema}, or "Invalid field" as Apex's compiler says it. */
    static FieldInfo sobjectField(SObjectSchema schema, String name, Pos pos) {
        FieldInfo fi = schema.field(name);
        if (fi == null) {
            // UNCONFIRMED: Salesforce's wording for an unknown field in `new X(Field = v)`
            throw new CompileError("Invalid field " + name + " for SObject " + schema.name(), pos);
        }
        return fi;
    }

    static ApexId asId(Frame f, Object v) {
        return (ApexId) Types.coerce(f, v, RType.ID_T);
    }

    static SObjectValue sobject(Frame f, Object v) {
        if (v == null) {
            throw Errors.npe(f);
        }
        return (SObjectValue) v;
    }

    RType typeOfMethod(MethodInfo m) {
        return m.decl.returnType() == null ? null : program.types.resolve(m.decl.returnType(), m.owner);
    }
}
