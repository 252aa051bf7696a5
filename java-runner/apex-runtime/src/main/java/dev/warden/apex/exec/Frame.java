package dev.warden.apex.exec;

import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.link.MethodInfo;
import dev.warden.apex.lower.Pos;
import dev.warden.apex.value.ApexObject;

/** One activation: locals by slot, the receiver, the returned value and the position being executed. */
public final class Frame {
    public final Transaction tx;
    public final MethodInfo method;
    public final ClassInfo cls;
    public final ApexObject self;
    public final Object[] slots;
    public Object ret;
    public Pos pos;
    /** The stack name of this activation ("Class.X.m", "Trigger.T", "AnonymousBlock"). */
    public final String stackName;

    public Frame(Transaction tx, MethodInfo method, ClassInfo cls, ApexObject self, int size, String stackName) {
        this.tx = tx;
        this.method = method;
        this.cls = cls;
        this.self = self;
        this.slots = new Object[Math.max(size, 1)];
        this.stackName = stackName;
    }
}
