package dev.warden.apex.exec;

import dev.warden.apex.host.SObjectSchema;
import dev.warden.apex.lib.Builtin;
import dev.warden.apex.lib.Builtins;
import dev.warden.apex.lib.Native;
import dev.warden.apex.lib.SchemaLib;
import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.link.CompileError;
import dev.warden.apex.link.FieldSlot;
import dev.warden.apex.lower.Expr;
import dev.warden.apex.lower.Pos;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.ApexObject;
import dev.warden.apex.value.EnumValue;
import dev.warden.apex.value.SObjectValue;
import dev.warden.soql.FieldInfo;
import java.util.ArrayList;
import java.util.List;

/** {@code a.b}: static members of types, SObject fields, object fields and properties, platform properties. */
final class Members {
    private Members() {}

    static Object field(Compiler c, Expr.Field fl) {
        Object target = c.expr(fl.target());
        String name = fl.name();
        if (target instanceof TypeTarget t) {
            return staticMember(c, t, fl, dotted(fl.target()));
        }
        C tc = (C) target;
        RType tt = tc.type();
        Ev te = tc.ev();
        boolean safe = fl.safe();
        if (tt != null && tt.kind() == RType.Kind.SOBJECT && tt.sobject() != null) {
            SObjectSchema s = tt.sobject();
            FieldInfo fi = s.field(name);
            if (fi != null) {
                RType ft = SObjects.fieldType(c.program(), fi);
                String canonical = fi.name();
                return new C(
                        f -> {
                            Object o = te.eval(f);
                            if (o == null) {
                                if (safe) {
                                    return null;
                                }
                                throw Errors.npe(f);
                            }
                            return SObjects.get(f, (SObjectValue) o, canonical);
                        },
                        ft);
            }
            FieldInfo rel = s.relationship(name);
            if (rel == null) {
                // UNCONFIRMED: the exact compile error Salesforce gives for an unknown field read in Apex
                throw new CompileError("Variable does not exist: " + name, fl.pos());
            }
            SObjectSchema parent = rel.referenceTo().size() == 1
                    ? c.program().describe(rel.referenceTo().get(0))
                    : null;
            String relName = rel.relationshipName();
            return new C(
                    f -> {
                        Object o = te.eval(f);
                        if (o == null) {
                            if (safe) {
                                return null;
                            }
                            throw Errors.npe(f);
                        }
                        return ((SObjectValue) o).get(relName);
                    },
                    parent == null ? RType.SOBJECT_T : RType.sobject(parent));
        }
        if (tt != null && tt.kind() == RType.Kind.CLASS && !tt.cls().platform) {
            FieldSlot fs = tt.cls().instanceField(name);
            if (fs == null) {
                FieldSlot st = tt.cls().staticField(name);
                if (st != null) {
                    return readField(c, st, null, fl.pos());
                }
                if (!tt.cls().isInterface()) {
                    throw new CompileError("Variable does not exist: " + name, fl.pos());
                }
            } else {
                return readField(c, fs, safe ? nullSafe(te) : nonNull(te), fl.pos());
            }
        }
        return new C(f -> dynamicGet(f, te.eval(f), name, safe), null);
    }

    private static Ev nonNull(Ev te) {
        return f -> {
            Object o = te.eval(f);
            if (o == null) {
                throw Errors.npe(f);
            }
            return o;
        };
    }

    private static Ev nullSafe(Ev te) {
        return te;
    }

    static List<String> dotted(Expr e) {
        if (e instanceof Expr.Name n) {
            return new ArrayList<>(List.of(n.name()));
        }
        if (e instanceof Expr.Field f) {
            List<String> l = dotted(f.target());
            if (l != null) {
                l.add(f.name());
            }
            return l;
        }
        return null;
    }

    private static Object staticMember(Compiler c, TypeTarget t, Expr.Field fl, List<String> path) {
        String name = fl.name();
        if (t.cls() != null) {
            ClassInfo cls = t.cls();
            if (cls.isEnum()) {
                for (int i = 0; i < cls.enumValues.size(); i++) {
                    if (cls.enumValues.get(i).equalsIgnoreCase(name)) {
                        EnumValue v = new EnumValue(cls.name(), cls.enumValues.get(i), i);
                        return new C(f -> v, RType.ofClass(cls));
                    }
                }
            }
            FieldSlot fs = cls.staticField(name);
            if (fs != null) {
                return readField(c, fs, null, fl.pos());
            }
            ClassInfo inner = cls.innerClass(name);
            if (inner != null) {
                return new TypeTarget(inner, null, null);
            }
            throw new CompileError("Variable does not exist: " + name, fl.pos());
        }
        if (t.sobject() != null) {
            SObjectSchema s = t.sobject();
            if (name.equalsIgnoreCase("SObjectType")) {
                return new C(
                        f -> new SchemaLib.SObjectTypeToken(s), RType.simple(RType.Kind.NATIVE, "Schema.SObjectType"));
            }
            FieldInfo fi = s.field(name);
            if (fi != null) {
                return new C(
                        f -> new SchemaLib.FieldToken(s, fi), RType.simple(RType.Kind.NATIVE, "Schema.SObjectField"));
            }
            throw new CompileError("Variable does not exist: " + name, fl.pos());
        }
        String key = t.builtin();
        if (key.equals("schema.sobjecttype") || key.equals("sobjecttype")) {
            SObjectSchema s = c.program().describe(name);
            if (s == null) {
                throw new CompileError("Invalid type: " + name, fl.pos());
            }
            return new C(
                    f -> new SchemaLib.Describe(s), RType.simple(RType.Kind.NATIVE, "Schema.DescribeSObjectResult"));
        }
        Builtin b = Builtins.get(key);
        if (b != null && b.properties().contains(name.toLowerCase(java.util.Locale.ROOT))) {
            return new C(f -> b.property(f, name), null);
        }
        if (path != null) {
            List<String> longer = new ArrayList<>(path);
            longer.add(name);
            TypeTarget deeper = c.typeTarget(longer);
            if (deeper != null) {
                return deeper;
            }
        }
        if (b == null && PlatformCatalogue.isTarget(key)) {
            return PlatformCatalogue.failsWhenRun(PlatformCatalogue.display(key) + "." + name, null);
        }
        throw new dev.warden.apex.lower.UnsupportedFeature((b == null ? key : b.name()) + "." + name, fl.pos());
    }

    /** Reading a field or property slot (static when {@code target} is null and the slot is static). */
    static C readField(Compiler c, FieldSlot fs, Ev target, Pos pos) {
        RType t = fs.type == null ? null : c.program().types.resolve(fs.type, fs.owner);
        ClassInfo owner = fs.owner;
        if (fs.isStatic) {
            if (fs.getter != null) {
                Accessor a = (Accessor) fs.getter;
                return new C(f -> Invoker.accessor(f, a, owner, null, null), t);
            }
            return new C(f -> f.tx.statics(owner)[fs.index], t);
        }
        Ev self = target == null ? f -> f.self : target;
        if (fs.getter != null) {
            Accessor a = (Accessor) fs.getter;
            return new C(f -> Invoker.accessor(f, a, owner, (ApexObject) self.eval(f), null), t);
        }
        return new C(f -> ((ApexObject) self.eval(f)).fields[fs.index], t);
    }

    /** The backing slot of a property, read from inside its own accessor. */
    static C rawSlot(Compiler c, FieldSlot fs) {
        RType t = c.program().types.resolve(fs.type, fs.owner);
        ClassInfo owner = fs.owner;
        if (fs.isStatic) {
            return new C(f -> f.tx.statics(owner)[fs.index], t);
        }
        return new C(f -> f.self.fields[fs.index], t);
    }

    /** {@code value.name} when the value's type is only known at run time. */
    static Object dynamicGet(Frame f, Object o, String name, boolean safe) {
        if (o == null) {
            if (safe) {
                return null;
            }
            throw Errors.npe(f);
        }
        if (o instanceof ApexList l && l.fromQuery) {
            o = Types.single(f, l);
        }
        if (o instanceof SObjectValue s) {
            FieldInfo fi = s.schema.field(name);
            if (fi != null) {
                return SObjects.get(f, s, fi.name());
            }
            FieldInfo rel = s.schema.relationship(name);
            if (rel != null) {
                return s.get(rel.relationshipName());
            }
            throw Errors.apex(f, "SObjectException", "Invalid field " + name + " for " + s.typeName());
        }
        if (o instanceof ApexObject obj) {
            FieldSlot fs = obj.type.instanceField(name);
            if (fs != null) {
                if (fs.getter != null) {
                    return Invoker.accessor(f, (Accessor) fs.getter, fs.owner, obj, null);
                }
                return obj.fields[fs.index];
            }
            throw Errors.unsupported("field " + name + " of " + obj.type.name(), f);
        }
        if (o instanceof Native n) {
            return n.get(f, name);
        }
        throw Errors.unsupported("field " + name + " of " + dev.warden.apex.value.Values.typeName(o), f);
    }
}
