package dev.warden.apex.exec;

import dev.warden.apex.host.SObjectSchema;
import dev.warden.apex.lib.Builtin;
import dev.warden.apex.lib.Builtins;
import dev.warden.apex.lib.InstanceMethods;
import dev.warden.apex.lib.SObjectTypeStatics;
import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.link.CompileError;
import dev.warden.apex.link.MethodInfo;
import dev.warden.apex.lower.Expr;
import dev.warden.apex.lower.UnsupportedFeature;
import dev.warden.apex.value.ApexObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Method calls: own and outer methods, static calls on types, platform statics, virtual and platform instance calls. */
final class Calls {
    private Calls() {}

    static Object call(Compiler c, Expr.Call call) {
        List<C> args = new ArrayList<>();
        for (Expr a : call.args()) {
            args.add(c.value(a));
        }
        Ev[] ae = args.stream().map(C::ev).toArray(Ev[]::new);
        String name = call.name();
        int arity = ae.length;
        if (call.target() == null) {
            if (name.equals("this") || name.equals("super")) {
                throw new CompileError("Constructor call must be the first statement in a constructor", call.pos());
            }
            return ownMethod(c, call, ae, args);
        }
        if (call.target() instanceof Expr.Super) {
            ClassInfo sup = c.cls().superclass;
            List<MethodInfo> all = sup == null ? List.of() : byArity(sup.findMethods(name), arity);
            if (all.isEmpty()) {
                throw noMethod(c, call, args, sup == null ? c.cls() : sup);
            }
            List<MethodInfo> ms = narrow(c, all, args);
            return new C(
                    f -> {
                        Object[] a = eval(f, ae);
                        return Invoker.invoke(f, Invoker.pick(f, ms, a), f.self, a);
                    },
                    c.typeOfMethod(ms.get(0)));
        }
        Object target = c.expr(call.target());
        if (target instanceof TypeTarget t) {
            return staticCall(c, t, call, ae, args);
        }
        Ev te = ((C) target).ev();
        RType tt = ((C) target).type();
        boolean safe = call.safe();
        RType ret = null;
        MethodInfo chosen = null;
        if (tt != null && tt.kind() == RType.Kind.CLASS && !tt.cls().platform) {
            List<MethodInfo> ms = byArity(tt.cls().findMethods(name), arity);
            if (ms.isEmpty() && !tt.cls().isException() && !tt.cls().isEnum() && !isObjectMethod(name)) {
                throw noMethod(c, call, args, tt.cls());
            }
            if (!ms.isEmpty()) {
                List<MethodInfo> narrowed = narrow(c, ms, args);
                ret = c.typeOfMethod(narrowed.get(0));
                chosen = ms.size() > 1 && narrowed.size() == 1 ? narrowed.get(0) : null;
            }
        }
        MethodInfo staticChoice = chosen;
        String lower = name.toLowerCase(Locale.ROOT);
        return new C(
                f -> {
                    Object self = te.eval(f);
                    if (self == null) {
                        if (safe) {
                            return null;
                        }
                        throw Errors.npe(f);
                    }
                    Object[] a = eval(f, ae);
                    if (Stubs.isStub(self)) {
                        return Stubs.call(f, (ApexObject) self, name, a);
                    }
                    if (self instanceof ApexObject o && !o.type.platform) {
                        MethodInfo m = staticChoice != null
                                ? Invoker.override(o, staticChoice)
                                : Invoker.virtualTarget(f, o, name, a.length, a);
                        if (m != null) {
                            return Invoker.invoke(f, m, o, a);
                        }
                    }
                    return InstanceMethods.call(f, self, lower, Arrays.asList(a));
                },
                ret);
    }

    private static boolean isObjectMethod(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("equals") || n.equals("hashcode") || n.equals("tostring");
    }

    /**
     * Overloads narrowed by the arguments' static types where they are known (Apex resolves overloads at compile time:
     * {@code m(x, (String) null)} calls the String overload). Unknown static types keep every candidate for the run-time
     * pick.
     */
    static List<MethodInfo> narrow(Compiler c, List<MethodInfo> ms, List<C> args) {
        if (ms.size() < 2) {
            return ms;
        }
        List<MethodInfo> best = new ArrayList<>();
        int bestScore = -1;
        for (MethodInfo m : ms) {
            int score = 0;
            boolean fits = true;
            for (int i = 0; i < args.size() && fits; i++) {
                RType have = args.get(i).type();
                if (have == null) {
                    continue;
                }
                RType want = c.program().types.resolve(m.decl.params().get(i).type(), m.owner);
                if (have.toString().equalsIgnoreCase(want.toString())) {
                    score += 2;
                } else if (want.kind() == RType.Kind.OBJECT
                        || have.isNumeric() && want.isNumeric()
                        || want.kind() == RType.Kind.SOBJECT
                                && have.kind() == RType.Kind.SOBJECT
                                && want.sobject() == null
                        || want.kind() == have.kind() && want.kind() != RType.Kind.CLASS
                        || want.kind() == RType.Kind.CLASS
                                && have.kind() == RType.Kind.CLASS
                                && have.cls().isSubtypeOf(want.cls())
                        || want.kind() == RType.Kind.ID && have.kind() == RType.Kind.STRING
                        || want.kind() == RType.Kind.STRING && have.kind() == RType.Kind.ID) {
                    score += 1;
                } else {
                    fits = false;
                }
            }
            if (!fits) {
                continue;
            }
            if (score > bestScore) {
                best.clear();
                bestScore = score;
            }
            if (score == bestScore) {
                best.add(m);
            }
        }
        return best.isEmpty() ? ms : best;
    }

    static Object[] eval(Frame f, Ev[] ae) {
        Object[] a = new Object[ae.length];
        for (int i = 0; i < ae.length; i++) {
            a[i] = ae[i].eval(f);
        }
        return a;
    }

    private static List<MethodInfo> byArity(List<MethodInfo> ms, int arity) {
        List<MethodInfo> out = new ArrayList<>();
        for (MethodInfo m : ms) {
            if (m.arity() == arity) {
                out.add(m);
            }
        }
        return out;
    }

    private static Object ownMethod(Compiler c, Expr.Call call, Ev[] ae, List<C> args) {
        for (ClassInfo k = c.cls(); k != null; k = k.outer) {
            List<MethodInfo> ms = byArity(k.findMethods(call.name()), ae.length);
            if (ms.isEmpty()) {
                continue;
            }
            boolean allStatic = ms.stream().allMatch(MethodInfo::isStatic);
            if (k != c.cls() && !allStatic) {
                ms = ms.stream().filter(MethodInfo::isStatic).toList();
                if (ms.isEmpty()) {
                    continue;
                }
            }
            List<MethodInfo> found = narrow(c, ms, args);
            RType ret = c.typeOfMethod(found.get(0));
            if (found.stream().allMatch(MethodInfo::isStatic)) {
                return new C(
                        f -> {
                            Object[] a = eval(f, ae);
                            return Invoker.invoke(f, Invoker.pick(f, found, a), null, a);
                        },
                        ret);
            }
            if (c.isStatic()) {
                throw new CompileError(
                        "Non static method cannot be referenced from a static context: "
                                + signature(call.name(), args, found.get(0)),
                        call.pos());
            }
            String name = call.name();
            return new C(
                    f -> {
                        Object[] a = eval(f, ae);
                        MethodInfo m = found.size() == 1
                                ? Invoker.override(f.self, found.get(0))
                                : Invoker.virtualTarget(f, f.self, name, a.length, a);
                        if (m == null) {
                            m = Invoker.pick(f, found, a);
                        }
                        return Invoker.invoke(f, m, m.isStatic() ? null : f.self, a);
                    },
                    ret);
        }
        throw noMethod(c, call, args, c.cls());
    }

    private static String signature(String name, List<C> args, MethodInfo m) {
        StringBuilder b = new StringBuilder(
                        m == null || m.decl.returnType() == null
                                ? "void"
                                : m.decl.returnType().toString())
                .append(' ')
                .append(name)
                .append('(');
        for (int i = 0; i < args.size(); i++) {
            RType t = args.get(i).type();
            b.append(i == 0 ? "" : ", ").append(t == null ? "Object" : t.toString());
        }
        return b.append(')').toString();
    }

    private static CompileError noMethod(Compiler c, Expr.Call call, List<C> args, ClassInfo on) {
        return new CompileError(
                "Method does not exist or incorrect signature: " + signature(call.name(), args, null)
                        + " from the type " + on.name(),
                call.pos());
    }

    private static Object staticCall(Compiler c, TypeTarget t, Expr.Call call, Ev[] ae, List<C> args) {
        String name = call.name();
        if (t.cls() != null) {
            ClassInfo cls = t.cls();
            if (cls.isEnum() && name.equalsIgnoreCase("values") && ae.length == 0) {
                return new C(f -> EnumSupport.values(cls), RType.list(RType.ofClass(cls)));
            }
            if (cls.isEnum() && name.equalsIgnoreCase("valueOf") && ae.length == 1) {
                return new C(f -> EnumSupport.valueOf(f, cls, ae[0].eval(f)), RType.ofClass(cls));
            }
            List<MethodInfo> all = byArity(cls.findMethods(name), ae.length).stream()
                    .filter(MethodInfo::isStatic)
                    .toList();
            if (all.isEmpty()) {
                throw noMethod(c, call, args, cls);
            }
            List<MethodInfo> ms = narrow(c, all, args);
            return new C(
                    f -> {
                        Object[] a = eval(f, ae);
                        return Invoker.invoke(f, Invoker.pick(f, ms, a), null, a);
                    },
                    c.typeOfMethod(ms.get(0)));
        }
        if (t.sobject() != null) {
            SObjectSchema s = t.sobject();
            String lower = name.toLowerCase(Locale.ROOT);
            if (!SObjectTypeStatics.supports(s, lower)) {
                throw new UnsupportedFeature(s.name() + "." + name, call.pos());
            }
            return new C(
                    f -> SObjectTypeStatics.call(f, s, lower, Arrays.asList(eval(f, ae))),
                    SObjectTypeStatics.returnType(s, lower));
        }
        String key = t.builtin();
        Builtin b = Builtins.get(key);
        String lower = name.toLowerCase(Locale.ROOT);
        if (b == null && PlatformCatalogue.isTarget(key)) {
            return PlatformCatalogue.failsWhenRun(PlatformCatalogue.display(key) + "." + name, null);
        }
        if (b == null || !b.statics().contains(lower)) {
            throw new UnsupportedFeature((b == null ? key : b.name()) + "." + name, call.pos());
        }
        return new C(f -> b.call(f, lower, Arrays.asList(eval(f, ae))), Builtins.returnType(key, lower, args));
    }
}
