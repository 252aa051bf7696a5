package dev.warden.apex.link;

import dev.warden.apex.lower.Decl;
import java.util.Locale;

/** A method or constructor: its declaration and, after compilation, its body and frame size. */
public final class MethodInfo {
    public final ClassInfo owner;
    public final Decl.Method decl;
    /** Compiled body (an exec closure, typed as Object to keep link free of exec). */
    public Object body;

    public int frameSize;

    public MethodInfo(ClassInfo owner, Decl.Method decl) {
        this.owner = owner;
        this.decl = decl;
    }

    public String name() {
        return decl.name();
    }

    public int arity() {
        return decl.params().size();
    }

    public boolean isStatic() {
        return decl.modifiers().contains("static");
    }

    public boolean isAbstract() {
        return decl.body() == null;
    }

    public boolean isTest() {
        return decl.modifiers().contains("testmethod")
                || decl.annotations().stream().anyMatch(a -> a.is("IsTest"));
    }

    public boolean isTestSetup() {
        return decl.annotations().stream().anyMatch(a -> a.is("TestSetup"));
    }

    /** "Class.Outer.Inner.method" / "Class.X.<init>" as Apex stack traces name it; triggers "Trigger.T". */
    public String stackName() {
        if (owner.isTrigger()) {
            return "Trigger." + owner.name();
        }
        if (owner.outer == null
                && owner.name().equals("AnonymousBlock")
                && decl.name().equals("run")) {
            return "AnonymousBlock";
        }
        return "Class." + owner.name() + "." + (decl.constructor() ? "<init>" : decl.name());
    }

    public boolean named(String n) {
        return decl.name().toLowerCase(Locale.ROOT).equals(n.toLowerCase(Locale.ROOT));
    }
}
