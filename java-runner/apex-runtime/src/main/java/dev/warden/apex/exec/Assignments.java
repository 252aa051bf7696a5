package dev.warden.apex.exec;

import dev.warden.apex.lib.Builtin;
import dev.warden.apex.lib.Builtins;
import dev.warden.apex.lib.Native;
import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.link.CompileError;
import dev.warden.apex.link.FieldSlot;
import dev.warden.apex.lower.Expr;
import dev.warden.apex.lower.Pos;
import dev.warden.apex.lower.UnsupportedFeature;
import dev.warden.apex.value.ApexObject;
import dev.warden.apex.value.SObjectValue;
import java.util.Locale;

/** Assignment, compound assignment and ++/--: an assignable place evaluated once, then read and written. */
final class Assignments {
    private Assignments() {}

    interface Ref {
        Object get(Frame f);

        void set(Frame f, Object v);
    }

    interface Place {
        Ref at(Frame f);
    }

    record Target(Place place, RType type) {}

    static C assign(Compiler c, Expr.Assign a) {
        Target t = target(c, a.target());
        Ev v = c.value(a.value()).ev();
        Place p = t.place();
        RType type = t.type();
        if (a.op().equals("=")) {
            return new C(
                    f -> {
                        Ref r = p.at(f);
                        Object value = Types.coerce(f, v.eval(f), type);
                        r.set(f, value);
                        return value;
                    },
                    type);
        }
        String op = a.op();
        return new C(
                f -> {
                    Ref r = p.at(f);
                    Object old = r.get(f);
                    Object rhs = v.eval(f);
                    Object value = switch (op) {
                        case "+" -> Arithmetic.add(f, old, rhs);
                        case "-", "*", "/" -> Arithmetic.numeric(f, op.charAt(0), old, rhs);
                        default -> throw Errors.unsupported("operator " + op + "=", f);
                    };
                    value = Types.coerce(f, value, type);
                    r.set(f, value);
                    return value;
                },
                type);
    }

    static C step(Compiler c, Expr.Step s) {
        Target t = target(c, s.target());
        Place p = t.place();
        int delta = s.delta();
        boolean prefix = s.prefix();
        RType type = t.type();
        return new C(
                f -> {
                    Ref r = p.at(f);
                    Object old = r.get(f);
                    Object value = Types.coerce(f, Arithmetic.numeric(f, '+', old, delta), type);
                    r.set(f, value);
                    return prefix ? value : old;
                },
                type);
    }

    static Target target(Compiler c, Expr e) {
        if (e instanceof Expr.Name n) {
            Object r = c.expr(n);
            return nameTarget(c, n, r);
        }
        if (e instanceof Expr.Field fl) {
            Object target = c.expr(fl.target());
            String name = fl.name();
            if (target instanceof TypeTarget tt) {
                if (tt.cls() != null) {
                    FieldSlot fs = tt.cls().staticField(name);
                    if (fs == null) {
                        throw new CompileError("Variable does not exist: " + name, fl.pos());
                    }
                    return slotTarget(c, fs, null, fl.pos());
                }
                Builtin b = tt.builtin() == null ? null : Builtins.get(tt.builtin());
                if (b != null && b.properties().contains(name.toLowerCase(Locale.ROOT))) {
                    return new Target(
                            f -> new Ref() {
                                public Object get(Frame g) {
                                    return b.property(g, name);
                                }

                                public void set(Frame g, Object v) {
                                    b.setProperty(g, name, v);
                                }
                            },
                            null);
                }
                throw new UnsupportedFeature("assigning " + fl.name(), fl.pos());
            }
            C tc = (C) target;
            RType tt = tc.type();
            Ev te = tc.ev();
            if (tt != null && tt.kind() == RType.Kind.CLASS && !tt.cls().platform) {
                FieldSlot fs = tt.cls().instanceField(name);
                if (fs == null) {
                    throw new CompileError("Variable does not exist: " + name, fl.pos());
                }
                return slotTarget(c, fs, te, fl.pos());
            }
            RType fieldType = null;
            if (tt != null && tt.kind() == RType.Kind.SOBJECT && tt.sobject() != null) {
                var fi = tt.sobject().field(name);
                if (fi == null && tt.sobject().relationship(name) == null) {
                    // UNCONFIRMED: the exact compile error Salesforce gives for an unknown field written in Apex
                    throw new CompileError("Variable does not exist: " + name, fl.pos());
                }
                fieldType = fi == null ? null : SObjects.fieldType(c.program(), fi);
            }
            return new Target(
                    f -> {
                        Object o = te.eval(f);
                        if (o == null) {
                            throw Errors.npe(f);
                        }
                        return new Ref() {
                            public Object get(Frame g) {
                                return Members.dynamicGet(g, o, name, false);
                            }

                            public void set(Frame g, Object v) {
                                if (o instanceof SObjectValue s) {
                                    SObjects.put(g, s, name, v);
                                } else if (o instanceof ApexObject obj) {
                                    FieldSlot fs = obj.type.instanceField(name);
                                    if (fs == null) {
                                        throw Errors.unsupported("field " + name + " of " + obj.type.name(), g);
                                    }
                                    setSlot(g, fs, obj, v);
                                } else if (o instanceof Native n) {
                                    n.set(g, name, v);
                                } else {
                                    throw Errors.unsupported("assigning " + name, g);
                                }
                            }
                        };
                    },
                    fieldType);
        }
        if (e instanceof Expr.Index ix) {
            C list = c.value(ix.target());
            Ev le = list.ev();
            Ev ie = c.value(ix.index()).ev();
            RType elem = list.type() != null && list.type().kind() == RType.Kind.LIST
                    ? list.type().a()
                    : null;
            return new Target(
                    f -> {
                        Object l = le.eval(f);
                        Object i = ie.eval(f);
                        return new Ref() {
                            public Object get(Frame g) {
                                return Collections.index(g, l, i);
                            }

                            public void set(Frame g, Object v) {
                                Collections.setIndex(g, l, i, v);
                            }
                        };
                    },
                    elem);
        }
        throw new CompileError("Expression cannot be assigned", e.pos());
    }

    private static Target nameTarget(Compiler c, Expr.Name n, Object resolved) {
        // find what the name denotes again, this time as a place
        ClassInfo cls = c.cls();
        Compiler.Local l = c.localFor(n.name());
        if (l != null) {
            int slot = l.slot();
            return new Target(
                    f -> new Ref() {
                        public Object get(Frame g) {
                            return g.slots[slot];
                        }

                        public void set(Frame g, Object v) {
                            g.slots[slot] = v;
                        }
                    },
                    l.type());
        }
        FieldSlot accessor = c.accessorSlot();
        if (accessor != null && accessor.name.equalsIgnoreCase(n.name())) {
            return rawTarget(c, accessor);
        }
        for (ClassInfo k = cls; k != null; k = k.outer) {
            FieldSlot fs = k.staticField(n.name());
            if (fs != null) {
                return slotTarget(c, fs, null, n.pos());
            }
            if (k == cls) {
                FieldSlot inst = k.instanceField(n.name());
                if (inst != null) {
                    return slotTarget(c, inst, null, n.pos());
                }
            }
        }
        throw new CompileError("Variable does not exist: " + n.name(), n.pos());
    }

    private static Target rawTarget(Compiler c, FieldSlot fs) {
        RType t = c.program().types.resolve(fs.type, fs.owner);
        return new Target(
                f -> new Ref() {
                    public Object get(Frame g) {
                        return fs.isStatic ? g.tx.statics(fs.owner)[fs.index] : g.self.fields[fs.index];
                    }

                    public void set(Frame g, Object v) {
                        if (fs.isStatic) {
                            g.tx.statics(fs.owner)[fs.index] = v;
                        } else {
                            g.self.fields[fs.index] = v;
                        }
                    }
                },
                t);
    }

    private static Target slotTarget(Compiler c, FieldSlot fs, Ev target, Pos pos) {
        RType t = c.program().types.resolve(fs.type, fs.owner);
        if (!fs.isStatic && target == null && c.isStatic()) {
            throw new CompileError("Non static field cannot be referenced from a static context: " + fs.name, pos);
        }
        return new Target(
                f -> {
                    ApexObject self = fs.isStatic ? null : target == null ? f.self : (ApexObject) target.eval(f);
                    if (!fs.isStatic && self == null) {
                        throw Errors.npe(f);
                    }
                    return new Ref() {
                        public Object get(Frame g) {
                            if (fs.getter != null) {
                                return Invoker.accessor(g, (Accessor) fs.getter, fs.owner, self, null);
                            }
                            return fs.isStatic ? g.tx.statics(fs.owner)[fs.index] : self.fields[fs.index];
                        }

                        public void set(Frame g, Object v) {
                            setSlot(g, fs, self, v);
                        }
                    };
                },
                t);
    }

    static void setSlot(Frame g, FieldSlot fs, ApexObject self, Object v) {
        if (fs.setter != null) {
            Invoker.accessor(g, (Accessor) fs.setter, fs.owner, self, v);
        } else if (fs.isStatic) {
            g.tx.statics(fs.owner)[fs.index] = v;
        } else {
            self.fields[fs.index] = v;
        }
    }
}
