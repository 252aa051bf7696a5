package dev.warden.apex.exec;

import dev.warden.apex.ApexSource;
import dev.warden.apex.host.ApexHost;
import dev.warden.apex.host.SObjectSchema;
import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.link.CompileError;
import dev.warden.apex.link.FieldSlot;
import dev.warden.apex.link.MethodInfo;
import dev.warden.apex.lower.ApexSyntaxError;
import dev.warden.apex.lower.Decl;
import dev.warden.apex.lower.Lowerer;
import dev.warden.apex.lower.Pos;
import dev.warden.apex.lower.Stmt;
import dev.warden.apex.lower.UnsupportedFeature;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A set of Apex classes and triggers lowered, linked and compiled together (one deploy). Problems are collected per
 * unit in Salesforce's words; a program with problems cannot run.
 */
public final class Program {
    private static final Map<String, Decl.Type> LOWERED = new ConcurrentHashMap<>();
    static final List<String> PLATFORM_EXCEPTIONS = List.of(
            "AssertException",
            "AsyncException",
            "CalloutException",
            "DmlException",
            "EmailException",
            "FinalException",
            "HandledException",
            "IllegalArgumentException",
            "InvalidParameterValueException",
            "JSONException",
            "LimitException",
            "ListException",
            "MathException",
            "NoAccessException",
            "NoDataFoundException",
            "NoSuchElementException",
            "NullPointerException",
            "QueryException",
            "RequiredFeatureMissingException",
            "SearchException",
            "SecurityException",
            "SerializationException",
            "SObjectException",
            "StringException",
            "TypeException",
            "UnexpectedException",
            "XmlException");

    final ApexHost host;
    public final Types types = new Types(this);
    private final Map<String, ClassInfo> classes = new LinkedHashMap<>();
    private final Map<String, ClassInfo> triggers = new LinkedHashMap<>();
    private final Map<String, ClassInfo> platform = new HashMap<>();
    private final Map<String, SObjectSchema> schemas = new HashMap<>();
    private final Map<String, BitSet> executable = new LinkedHashMap<>();
    private final Map<String, List<String>> problems = new LinkedHashMap<>();

    private Program(ApexHost host) {
        this.host = host;
        ClassInfo root = new ClassInfo("Exception", null, null, true);
        platform.put("exception", root);
        for (String n : java.util.stream.Stream.concat(
                        PLATFORM_EXCEPTIONS.stream(), PlatformCatalogue.EXCEPTIONS.stream())
                .distinct()
                .toList()) {
            ClassInfo c = new ClassInfo("System." + n, null, null, true);
            c.superclass = root;
            platform.put(n.toLowerCase(Locale.ROOT), c);
        }
    }

    /** Lowers (cached by content), links and compiles every source; see {@link #problems()}. */
    public static Program compile(List<ApexSource> sources, ApexHost host) {
        Program p = new Program(host);
        List<ClassInfo> loaded = new ArrayList<>();
        for (ApexSource s : sources) {
            try {
                Decl.Type t = lower(s);
                ClassInfo c = p.declare(t, null);
                (s.trigger() ? p.triggers : p.classes).put(c.key(), c);
                loaded.add(c);
            } catch (UnsupportedFeature | ApexSyntaxError | CompileError e) {
                p.problem(s.name(), e);
            }
        }
        for (ClassInfo c : loaded) {
            p.guard(c, () -> p.link(c));
        }
        for (ClassInfo c : loaded) {
            p.guard(c, () -> p.compileAll(c));
        }
        return p;
    }

    private static Decl.Type lower(ApexSource s) {
        String key = (s.trigger() ? "T:" : "C:") + s.name() + ":" + s.body().hashCode() + ":"
                + s.body().length();
        return LOWERED.computeIfAbsent(
                key,
                k -> s.trigger()
                        ? Lowerer.lowerTrigger(s.name(), s.body())
                        : s.name().startsWith("AnonymousBlock")
                                ? Lowerer.lowerAnonymous(s.name(), s.body())
                                : Lowerer.lowerClass(s.name(), s.body()));
    }

    private void guard(ClassInfo c, Runnable r) {
        try {
            r.run();
        } catch (UnsupportedFeature | ApexSyntaxError | CompileError e) {
            // The reason the class stopped compiling, over any unsupported method recorded before it.
            c.top().compileProblem = problem(c.top().name(), e);
        }
    }

    private String problem(String unit, RuntimeException e) {
        String text;
        if (e instanceof CompileError ce) {
            text = at(ce.pos()) + ce.problem();
        } else if (e instanceof ApexSyntaxError se) {
            text = at(se.pos()) + se.getMessage();
        } else {
            UnsupportedFeature u = (UnsupportedFeature) e;
            text = at(u.pos()) + "not supported by the local org's Apex runtime: " + u.feature();
        }
        problems.computeIfAbsent(unit, k -> new ArrayList<>()).add(text);
        return text;
    }

    private static String at(Pos p) {
        return p == null ? "" : "line " + p.line() + ", column " + p.column() + ": ";
    }

    /** Compile problems by unit: "line 3, column 5: Variable does not exist: x". Empty when the program runs. */
    public Map<String, List<String>> problems() {
        return problems;
    }

    public List<ClassInfo> classes() {
        return new ArrayList<>(classes.values());
    }

    public ClassInfo trigger(String name) {
        return triggers.get(name.toLowerCase(Locale.ROOT));
    }

    public List<ClassInfo> triggers() {
        return new ArrayList<>(triggers.values());
    }

    public ClassInfo classNamed(String name) {
        return classes.get(name.toLowerCase(Locale.ROOT));
    }

    /** Executable lines per unit (statement start lines and field initialisers); UNCONFIRMED against Salesforce. */
    public Map<String, BitSet> executableLines() {
        return executable;
    }

    BitSet executableLines(String unit) {
        return executable.computeIfAbsent(unit, k -> new BitSet());
    }

    public SObjectSchema describe(String name) {
        String k = name.toLowerCase(Locale.ROOT);
        if (!schemas.containsKey(k)) {
            SObjectSchema s = host.describe(name);
            schemas.put(k, s != null ? s : ChangeEvents.derive(name, host::describe));
        }
        return schemas.get(k);
    }

    ClassInfo platformException(String simpleName) {
        ClassInfo c = platformExceptionOrNull(simpleName);
        if (c == null) {
            throw new IllegalArgumentException("no platform exception " + simpleName);
        }
        return c;
    }

    ClassInfo platformExceptionOrNull(String simpleName) {
        String k = simpleName.toLowerCase(Locale.ROOT);
        if (k.startsWith("system.")) {
            k = k.substring(7);
        }
        return platform.get(k);
    }

    /** A user class by written name seen from {@code context}: inner classes of the context and its outers first. */
    public ClassInfo findClass(List<String> names, ClassInfo context) {
        String first = names.get(0);
        ClassInfo c = null;
        for (ClassInfo k = context; k != null && c == null; k = k.outer) {
            c = k.innerClass(first);
            if (c == null && k.simpleName().equalsIgnoreCase(first) && k.outer == null) {
                c = k;
            }
        }
        if (c == null) {
            c = classes.get(first.toLowerCase(Locale.ROOT));
        }
        for (int i = 1; i < names.size() && c != null; i++) {
            c = c.innerClass(names.get(i));
        }
        return c;
    }

    // ---- linking

    private ClassInfo declare(Decl.Type t, ClassInfo outer) {
        String name = outer == null ? t.name() : outer.name() + "." + t.name();
        ClassInfo c = new ClassInfo(name, t, outer, false);
        c.enumValues.addAll(t.enumValues());
        if (t.kind() == Decl.Kind.TRIGGER) {
            Decl.Method body = new Decl.Method(
                    java.util.Set.of("static"),
                    List.of(),
                    null,
                    "run",
                    List.of(),
                    t.trigger().body(),
                    false,
                    t.pos());
            c.methods.put("run", new ArrayList<>(List.of(new MethodInfo(c, body))));
            return c;
        }
        for (Decl d : t.members()) {
            if (d instanceof Decl.Type inner) {
                ClassInfo ic = declare(inner, c);
                c.inner.put(inner.name().toLowerCase(Locale.ROOT), ic);
            } else if (d instanceof Decl.Method m) {
                MethodInfo mi = new MethodInfo(c, m);
                if (m.constructor()) {
                    c.constructors.add(mi);
                } else {
                    c.methods
                            .computeIfAbsent(m.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(mi);
                }
            } else if (d instanceof Decl.Field fd) {
                addField(
                        c,
                        fd.name(),
                        fd.type(),
                        fd.modifiers().contains("static"),
                        fd.modifiers().contains("final"),
                        d);
            } else if (d instanceof Decl.Property pd) {
                FieldSlot fs = addField(c, pd.name(), pd.type(), pd.modifiers().contains("static"), false, d);
                fs.property = true;
            }
        }
        return c;
    }

    private FieldSlot addField(
            ClassInfo c, String name, dev.warden.apex.lower.TypeRef type, boolean isStatic, boolean isFinal, Decl d) {
        FieldSlot fs = new FieldSlot(c, name, type, isStatic, isFinal, d);
        String k = name.toLowerCase(Locale.ROOT);
        if (c.staticFields.containsKey(k) || c.instanceFields.containsKey(k)) {
            throw new CompileError("Duplicate field: " + name, d.pos());
        }
        if (isStatic) {
            fs.index = c.staticSlotCount++;
            c.staticFields.put(k, fs);
        } else {
            c.instanceFields.put(k, fs);
        }
        return fs;
    }

    private void link(ClassInfo c) {
        Decl.Type t = c.decl;
        if (t.superclass() != null) {
            RType s = types.resolve(t.superclass(), c.outer == null ? c : c.outer);
            if (s.kind() == RType.Kind.NATIVE && PlatformCatalogue.extendable(s.name())) {
                s = RType.ofClass(platform.computeIfAbsent(
                        "catalogue:" + s.name().toLowerCase(Locale.ROOT),
                        k -> new ClassInfo(PlatformCatalogue.type(k.substring(10)), null, null, true)));
            }
            if (s.kind() != RType.Kind.CLASS) {
                throw new CompileError(
                        "Invalid type: " + t.superclass().name(), t.superclass().pos());
            }
            c.superclass = s.cls();
        }
        for (dev.warden.apex.lower.TypeRef i : t.interfaces()) {
            RType r = types.tryResolve(i, c.outer == null ? c : c.outer);
            if (r == null) {
                throw new CompileError("Invalid type: " + i.name(), i.pos());
            }
            if (r.kind() == RType.Kind.CLASS) {
                c.interfaces.add(r.cls());
            } else if (Types.IMPLEMENTABLE.contains(r.name()) || PlatformCatalogue.implementable(r.name())) {
                c.platformInterfaces.add(r.name());
            } else {
                throw new UnsupportedFeature("implementing " + r.name(), i.pos());
            }
        }
        for (ClassInfo inner : c.inner.values()) {
            link(inner);
        }
    }

    // ---- compiling

    private void compileAll(ClassInfo c) {
        c.instanceSlotCount();
        for (ClassInfo inner : c.inner.values()) {
            compileAll(inner);
        }
        if (c.isTrigger()) {
            MethodInfo run = c.methods.get("run").get(0);
            compileMethod(c, run);
            return;
        }
        List<Runnable> work = new ArrayList<>();
        for (List<MethodInfo> ms : c.methods.values()) {
            for (MethodInfo m : ms) {
                work.add(() -> compileOrDefer(c, m));
            }
        }
        for (MethodInfo m : c.constructors) {
            work.add(() -> compileOrDefer(c, m));
        }
        c.staticInit = initializer(c, true);
        c.instanceInit = initializer(c, false);
        for (FieldSlot fs : c.staticFields.values()) {
            accessors(c, fs);
        }
        for (FieldSlot fs : c.instanceFields.values()) {
            accessors(c, fs);
        }
        for (Runnable r : work) {
            r.run();
        }
    }

    private void accessors(ClassInfo c, FieldSlot fs) {
        types.resolve(fs.type, c);
        if (!(fs.declaration instanceof Decl.Property p)) {
            return;
        }
        if (p.getter() != null) {
            Compiler comp = new Compiler(this, c, fs.isStatic);
            comp.declare("$unused", RType.OBJECT_T, p.pos());
            comp.accessorOf(fs);
            comp.returnType = types.resolve(fs.type, c);
            Ex body = comp.block(p.getter());
            fs.getter = new Accessor(body, comp.frameSize(), "Class." + c.name() + "." + p.name());
        }
        if (p.setter() != null) {
            Compiler comp = new Compiler(this, c, fs.isStatic);
            comp.declare("value", types.resolve(fs.type, c), p.pos());
            comp.accessorOf(fs);
            Ex body = comp.block(p.setter());
            fs.setter = new Accessor(body, comp.frameSize(), "Class." + c.name() + "." + p.name());
        }
    }

    /** Field initialisers and initialiser blocks of one kind, in source order. */
    private ClassInfo.Runnable0 initializer(ClassInfo c, boolean statics) {
        List<Ex> steps = new ArrayList<>();
        Compiler comp = new Compiler(this, c, statics);
        BitSet lines = executableLines(c.top().name());
        String unit = c.top().name();
        for (Decl d : c.decl.members()) {
            if (d instanceof Decl.Field fd && fd.modifiers().contains("static") == statics && fd.init() != null) {
                FieldSlot fs = statics
                        ? c.staticFields.get(fd.name().toLowerCase(Locale.ROOT))
                        : c.instanceFields.get(fd.name().toLowerCase(Locale.ROOT));
                RType t = types.resolve(fd.type(), c);
                LiteralAssignments.check(t, fd.init(), fd.pos());
                Ev init = comp.value(fd.init()).ev();
                Pos pos = fd.pos();
                lines.set(pos.line());
                steps.add(f -> {
                    f.tx.step(unit, pos, f);
                    Object v = Types.coerce(f, init.eval(f), t);
                    if (statics) {
                        f.tx.statics(c)[fs.index] = v;
                    } else {
                        f.self.fields[fs.index] = v;
                    }
                    return Ex.NORMAL;
                });
            } else if (d instanceof Decl.Initializer in && in.isStatic() == statics) {
                steps.add(comp.block(in.body()));
            }
        }
        if (steps.isEmpty()) {
            return null;
        }
        int size = comp.frameSize();
        Ex[] all = steps.toArray(new Ex[0]);
        return frame -> {
            Frame f = (Frame) frame;
            Frame g = size == 0 ? f : new Frame(f.tx, null, c, f.self, size, f.stackName);
            if (g != f) {
                f.tx.pop();
                f.tx.push(g);
            }
            for (Ex e : all) {
                e.exec(g);
            }
            if (g != f) {
                f.tx.pop();
                f.tx.push(f);
            }
        };
    }

    /**
     * Compiles one method. A method the runtime cannot run (an unsupported construct in its body) does not take the
     * class down with it: the problem is recorded (deploy keeps the class, {@link #problems()} lists it) and the method
     * fails loudly with the same "not supported ..." and line when it is called; the class's other methods run. Real
     * compile errors still fail the whole class.
     */
    private void compileOrDefer(ClassInfo c, MethodInfo m) {
        try {
            compileMethod(c, m);
        } catch (UnsupportedFeature e) {
            String text = problem(c.top().name(), e);
            if (c.top().compileProblem == null) {
                c.top().compileProblem = text;
            }
            RType[] pt = new RType[m.decl.params().size()];
            java.util.Arrays.fill(pt, RType.OBJECT_T);
            m.body = new CompiledMethod(
                    f -> {
                        throw new UnsupportedFeature(e.feature(), e.pos());
                    },
                    pt.length,
                    pt,
                    null);
        }
    }

    private void compileMethod(ClassInfo c, MethodInfo m) {
        Decl.Method d = m.decl;
        Compiler comp = new Compiler(this, c, m.isStatic());
        RType[] pt = new RType[d.params().size()];
        for (int i = 0; i < pt.length; i++) {
            pt[i] = types.resolve(d.params().get(i).type(), c);
            comp.declare(d.params().get(i).name(), pt[i], d.params().get(i).pos());
        }
        comp.returnType = d.returnType() == null ? null : types.resolve(d.returnType(), c);
        if (d.body() == null) {
            m.body = new CompiledMethod(f -> Ex.NORMAL, pt.length, pt, null);
            return;
        }
        CompiledMethod.Chain chain = null;
        Stmt.Block body = d.body();
        if (d.constructor()
                && !body.statements().isEmpty()
                && body.statements().get(0) instanceof Stmt.ExprStmt es
                && es.expr() instanceof dev.warden.apex.lower.Expr.Call call
                && call.target() == null
                && (call.name().equals("this") || call.name().equals("super"))) {
            Ev[] args = call.args().stream().map(a -> comp.value(a).ev()).toArray(Ev[]::new);
            chain = new CompiledMethod.Chain(call.name().equals("this"), args);
            executableLines(c.top().name()).set(es.pos().line());
            body = new Stmt.Block(body.statements().subList(1, body.statements().size()), body.pos());
        }
        Ex ex = comp.block(body);
        m.body = new CompiledMethod(ex, comp.frameSize(), pt, chain);
    }
}
