package dev.warden.apex.exec;

import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.link.MethodInfo;
import dev.warden.apex.value.ApexObject;
import java.util.ArrayList;
import java.util.List;

/** Calling compiled methods, constructors and accessors; picking overloads and virtual targets. */
public final class Invoker {
    private Invoker() {}

    /** Runs a method with evaluated arguments; {@code self} null for static methods. */
    public static Object invoke(Frame caller, MethodInfo m, ApexObject self, Object[] args) {
        Transaction tx = caller.tx;
        if (m.isAbstract()) {
            throw Errors.unsupported("calling abstract method " + m.owner.name() + "." + m.name(), caller);
        }
        if (m.isStatic()) {
            tx.statics(m.owner);
        }
        if (!tx.runningAsync && m.decl.annotations().stream().anyMatch(a -> a.is("future"))) {
            // @future: queued, run by Test.stopTest (tests) or by the host after the transaction
            Object[] copy = args.clone();
            tx.asyncQueue.add(new AsyncJob(
                    "Future",
                    m.owner.name() + "." + m.name(),
                    tx.nextAsyncJobId(),
                    tx.user().id(),
                    run -> invoke(
                            new Frame(run, null, m.owner, null, 0, "Class." + m.owner.name() + ".<future>"),
                            m,
                            null,
                            copy)));
            return null;
        }
        CompiledMethod cm = compiled(m);
        Frame f = new Frame(tx, m, m.owner, self, cm.frameSize(), m.stackName());
        RType[] pt = cm.paramTypes();
        for (int i = 0; i < args.length; i++) {
            f.slots[i] = Types.coerce(caller, args[i], pt[i]);
        }
        tx.push(f);
        try {
            cm.body().exec(f);
            return f.ret;
        } finally {
            tx.pop();
        }
    }

    /**
     * A method of a class that did not compile cannot run: Salesforce's "Dependent class is invalid", with the class
     * and the first reason it did not compile (so an unsupported construct is named with its line). UNCONFIRMED: the
     * exact layout of Salesforce's message ("...recompilation:\n Class X : reason").
     */
    private static CompiledMethod compiled(MethodInfo m) {
        if (m.body == null) {
            String why = m.owner.top().compileProblem;
            throw new dev.warden.apex.link.CompileError(
                    "Dependent class is invalid and needs recompilation:\n Class "
                            + m.owner.top().name()
                            + (why == null ? "" : " : " + why),
                    m.decl.pos());
        }
        return (CompiledMethod) m.body;
    }

    static Object accessor(Frame caller, Accessor a, ClassInfo owner, ApexObject self, Object value) {
        Frame f = new Frame(caller.tx, null, owner, self, a.frameSize(), a.stackName());
        f.slots[0] = value;
        caller.tx.push(f);
        try {
            a.body().exec(f);
            return f.ret;
        } finally {
            caller.tx.pop();
        }
    }

    /** The overload of {@code candidates} that fits the arguments' run-time types (first declared wins ties). */
    static MethodInfo pick(Frame f, List<MethodInfo> candidates, Object[] args) {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        for (MethodInfo m : candidates) {
            if (m.body == null) {
                continue;
            }
            RType[] pt = ((CompiledMethod) m.body).paramTypes();
            boolean fits = true;
            for (int i = 0; i < args.length && fits; i++) {
                fits = args[i] == null
                        || Types.isInstance(args[i], pt[i])
                        || pt[i].isNumeric() && dev.warden.apex.value.Values.isNumber(args[i])
                        || pt[i].kind() == RType.Kind.ID && args[i] instanceof String
                        || pt[i].kind() == RType.Kind.STRING && args[i] instanceof dev.warden.apex.value.ApexId
                        || pt[i].kind() == RType.Kind.SOBJECT
                                && args[i] instanceof dev.warden.apex.value.ApexList l
                                && l.fromQuery;
            }
            if (fits) {
                return m;
            }
        }
        return candidates.get(0);
    }

    /** The most derived override of {@code m} (same name and parameter types) for the receiver's class. */
    static MethodInfo override(ApexObject self, MethodInfo m) {
        if (self == null || m.isStatic()) {
            return m;
        }
        for (MethodInfo x : self.type.findMethods(m.name())) {
            if (x.arity() == m.arity() && !x.isAbstract() && sameParams(x, m)) {
                return x;
            }
        }
        return m;
    }

    private static boolean sameParams(MethodInfo a, MethodInfo b) {
        for (int i = 0; i < a.arity(); i++) {
            if (!a.decl.params()
                    .get(i)
                    .type()
                    .toString()
                    .equalsIgnoreCase(b.decl.params().get(i).type().toString())) {
                return false;
            }
        }
        return true;
    }

    /** Virtual dispatch: the most derived override of {@code name}/arity for the receiver's class. */
    public static MethodInfo virtualTarget(Frame f, ApexObject self, String name, int arity, Object[] args) {
        List<MethodInfo> found = new ArrayList<>();
        for (MethodInfo m : self.type.findMethods(name)) {
            if (m.arity() == arity && !m.isStatic() && !m.isAbstract()) {
                found.add(m);
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        // most derived first: findMethods lists the receiver's class before its superclasses
        List<MethodInfo> sameClass = new ArrayList<>();
        for (MethodInfo m : found) {
            if (m.owner == found.get(0).owner) {
                sameClass.add(m);
            }
        }
        MethodInfo best = pick(f, sameClass, args);
        return best;
    }

    /** {@code new C(args)}: field initialisers and constructor chain, superclass first. */
    public static ApexObject construct(Frame caller, ClassInfo cls, Object[] args) {
        caller.tx.statics(cls);
        ApexObject o = new ApexObject(cls);
        if (cls.isException() && cls.constructors.isEmpty()) {
            initChain(caller, cls, o);
            ExceptionSupport.init(caller, o, args);
            return o;
        }
        runConstructor(caller, cls, o, args);
        return o;
    }

    private static void initChain(Frame caller, ClassInfo cls, ApexObject o) {
        if (cls.superclass != null && !cls.superclass.platform) {
            runConstructor(caller, cls.superclass, o, new Object[0]);
        }
        if (cls.instanceInit != null) {
            Frame f = new Frame(caller.tx, null, cls, o, 0, "Class." + cls.name() + ".<init>");
            caller.tx.push(f);
            try {
                cls.instanceInit.run(f);
            } finally {
                caller.tx.pop();
            }
        }
    }

    static void runConstructor(Frame caller, ClassInfo cls, ApexObject o, Object[] args) {
        List<MethodInfo> ctors = new ArrayList<>();
        for (MethodInfo m : cls.constructors) {
            if (m.arity() == args.length) {
                ctors.add(m);
            }
        }
        if (ctors.isEmpty()) {
            if (args.length == 0 && cls.constructors.isEmpty()) {
                initChain(caller, cls, o);
                return;
            }
            throw Errors.unsupported("constructor " + cls.name() + " with " + args.length + " arguments", caller);
        }
        MethodInfo m = pick(caller, ctors, args);
        CompiledMethod cm = compiled(m);
        Frame f = new Frame(caller.tx, m, cls, o, cm.frameSize(), m.stackName());
        RType[] pt = cm.paramTypes();
        for (int i = 0; i < args.length; i++) {
            f.slots[i] = Types.coerce(caller, args[i], pt[i]);
        }
        caller.tx.push(f);
        try {
            if (cm.chain() != null) {
                Object[] chainArgs = new Object[cm.chain().args().length];
                for (int i = 0; i < chainArgs.length; i++) {
                    chainArgs[i] = cm.chain().args()[i].eval(f);
                }
                if (cm.chain().toThis()) {
                    runConstructor(f, cls, o, chainArgs);
                } else {
                    if (cls.superclass != null && cls.superclass.platform) {
                        ExceptionSupport.init(f, o, chainArgs);
                    } else if (cls.superclass != null) {
                        runConstructor(f, cls.superclass, o, chainArgs);
                    }
                    ownInit(f, cls, o);
                }
            } else {
                if (cls.superclass != null && !cls.superclass.platform) {
                    runConstructor(f, cls.superclass, o, new Object[0]);
                }
                ownInit(f, cls, o);
            }
            cm.body().exec(f);
        } finally {
            caller.tx.pop();
        }
    }

    private static void ownInit(Frame f, ClassInfo cls, ApexObject o) {
        if (cls.instanceInit != null) {
            Frame init = new Frame(f.tx, null, cls, o, 0, "Class." + cls.name() + ".<init>");
            f.tx.push(init);
            try {
                cls.instanceInit.run(init);
            } finally {
                f.tx.pop();
            }
        }
    }
}
