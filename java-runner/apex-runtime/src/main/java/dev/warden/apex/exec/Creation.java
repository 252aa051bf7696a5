package dev.warden.apex.exec;

import dev.warden.apex.lib.NativeFactory;
import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.link.CompileError;
import dev.warden.apex.lower.Expr;
import dev.warden.apex.lower.UnsupportedFeature;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.ApexMap;
import dev.warden.apex.value.ApexObject;
import dev.warden.apex.value.ApexSet;
import dev.warden.apex.value.SObjectValue;
import dev.warden.soql.FieldInfo;
import java.util.ArrayList;
import java.util.List;

/** {@code new ...}: objects, SObjects with field arguments, collections with initialisers or copy arguments. */
final class Creation {
    private Creation() {}

    static C create(Compiler c, Expr.New n) {
        RType t = c.type(n.type());
        switch (t.kind()) {
            case CLASS -> {
                ClassInfo cls = t.cls();
                if (cls.isInterface() || cls.isAbstract()) {
                    throw new CompileError("Abstract classes cannot be constructed: " + cls.name(), n.pos());
                }
                Ev[] args = args(c, n.args());
                if (cls.platform) {
                    return new C(
                            f -> {
                                ApexObject e = Errors.create(f.tx, cls.simpleName(), null);
                                ExceptionSupport.init(f, e, Calls.eval(f, args));
                                return e;
                            },
                            t);
                }
                return new C(f -> Invoker.construct(f, cls, Calls.eval(f, args)), t);
            }
            case SOBJECT -> {
                if (t.sobject() == null) {
                    throw new CompileError("Type cannot be constructed: SObject", n.pos());
                }
                List<String> names = new ArrayList<>();
                List<Ev> values = new ArrayList<>();
                for (Expr a : n.args()) {
                    if (!(a instanceof Expr.Assign as)
                            || !as.op().equals("=")
                            || !(as.target() instanceof Expr.Name fn)) {
                        throw new UnsupportedFeature("SObject constructor arguments other than Field = value", a.pos());
                    }
                    FieldInfo rel =
                            t.sobject().field(fn.name()) == null ? t.sobject().relationship(fn.name()) : null;
                    names.add(
                            rel != null
                                    ? rel.relationshipName()
                                    : Compiler.sobjectField(t.sobject(), fn.name(), fn.pos())
                                            .name());
                    values.add(c.value(as.value()).ev());
                }
                String[] ns = names.toArray(new String[0]);
                Ev[] vs = values.toArray(new Ev[0]);
                return new C(
                        f -> {
                            SObjectValue s = new SObjectValue(t.sobject());
                            for (int i = 0; i < ns.length; i++) {
                                SObjects.put(f, s, ns[i], vs[i].eval(f));
                            }
                            return s;
                        },
                        t);
            }
            case LIST, SET, MAP -> {
                if (n.args().size() > 1) {
                    throw new UnsupportedFeature(
                            t + " constructor with " + n.args().size() + " arguments", n.pos());
                }
                Ev from = n.args().isEmpty() ? null : c.value(n.args().get(0)).ev();
                return new C(f -> Collections.copy(f, t, from == null ? null : from.eval(f), from != null), t);
            }
            case NATIVE -> {
                Ev[] args = args(c, n.args());
                String name = t.name();
                if (!NativeFactory.canCreate(name) && PlatformCatalogue.type(name) != null) {
                    return PlatformCatalogue.failsWhenRun("new " + name, t);
                }
                if (!NativeFactory.canCreate(name)) {
                    throw new UnsupportedFeature("new " + name, n.pos());
                }
                return new C(f -> NativeFactory.create(f, name, Calls.eval(f, args)), t);
            }
            default -> throw new UnsupportedFeature("new " + t, n.pos());
        }
    }

    private static Ev[] args(Compiler c, List<Expr> exprs) {
        return exprs.stream().map(e -> c.value(e).ev()).toArray(Ev[]::new);
    }

    static C collection(Compiler c, Expr.NewCollection n) {
        RType t = c.type(n.type());
        Ev[] elems = args(c, n.elements());
        Ev size = n.size() == null ? null : c.value(n.size()).ev();
        if (t.kind() == RType.Kind.LIST) {
            RType e = t.a();
            return new C(
                    f -> {
                        ApexList l = new ApexList(e.ref());
                        if (size != null) {
                            Object s = size.eval(f);
                            int count = ((Number) s).intValue();
                            for (int i = 0; i < count; i++) {
                                l.items.add(null);
                            }
                        }
                        for (Ev x : elems) {
                            l.items.add(Types.coerce(f, x.eval(f), e));
                        }
                        return l;
                    },
                    t);
        }
        if (t.kind() == RType.Kind.SET) {
            RType e = t.a();
            return new C(
                    f -> {
                        ApexSet s = new ApexSet(e.ref());
                        for (Ev x : elems) {
                            s.add(Types.coerce(f, x.eval(f), e));
                        }
                        return s;
                    },
                    t);
        }
        if (t.kind() == RType.Kind.MAP) {
            return new C(f -> new ApexMap(t.a().ref(), t.b().ref()), t);
        }
        throw new UnsupportedFeature("new " + t + "{...}", n.pos());
    }

    static C map(Compiler c, Expr.NewMap n) {
        RType t = c.type(n.type());
        Ev[] keys = args(c, n.keys());
        Ev[] values = args(c, n.values());
        return new C(
                f -> {
                    ApexMap m = new ApexMap(t.a().ref(), t.b().ref());
                    for (int i = 0; i < keys.length; i++) {
                        m.put(Types.coerce(f, keys[i].eval(f), t.a()), Types.coerce(f, values[i].eval(f), t.b()));
                    }
                    return m;
                },
                t);
    }
}
