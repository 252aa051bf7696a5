package dev.warden.apex.link;

import dev.warden.apex.lower.Decl;
import dev.warden.apex.lower.Pos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A linked class, interface, enum, trigger or platform exception type: its members by name, the slots of its
 * fields, its place in the hierarchy. Platform exceptions have no declaration.
 */
public final class ClassInfo {
    private final String name;
    public final Decl.Type decl;
    public final ClassInfo outer;
    public ClassInfo superclass;
    public final List<ClassInfo> interfaces = new ArrayList<>();
    /** Platform interfaces implemented (Comparable, Queueable, ...), by Apex name. */
    public final java.util.Set<String> platformInterfaces = new java.util.HashSet<>();

    public final Map<String, ClassInfo> inner = new LinkedHashMap<>();
    public final Map<String, FieldSlot> staticFields = new LinkedHashMap<>();
    /** Instance fields declared here (inherited ones are found through the superclass). */
    public final Map<String, FieldSlot> instanceFields = new LinkedHashMap<>();

    public final Map<String, List<MethodInfo>> methods = new LinkedHashMap<>();
    public final List<MethodInfo> constructors = new ArrayList<>();
    public final List<String> enumValues = new ArrayList<>();
    /** Static field initialisers and static blocks, in source order (run once per transaction). */
    public Runnable0 staticInit;
    /** Instance field initialisers and instance blocks, in source order (run before the constructor body). */
    public Runnable0 instanceInit;

    private int instanceSlots = -1;
    private int ownInstanceStart;
    public int staticSlotCount;
    public final boolean platform;
    /** The first reason this (top-level) unit did not compile, "line L, column C: ..."; null when it compiled. */
    public String compileProblem;

    /** Work a compiled initialiser does with a frame; kept abstract to avoid a link -> exec dependency cycle. */
    public interface Runnable0 {
        void run(Object frame);
    }

    public ClassInfo(String name, Decl.Type decl, ClassInfo outer, boolean platform) {
        this.name = name;
        this.decl = decl;
        this.outer = outer;
        this.platform = platform;
    }

    /** Full Apex name: Outer.Inner for inner classes, System.DmlException for platform exceptions. */
    public String name() {
        return name;
    }

    public String simpleName() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }

    public Pos pos() {
        return decl == null ? null : decl.pos();
    }

    public boolean isInterface() {
        return decl != null && decl.kind() == Decl.Kind.INTERFACE;
    }

    public boolean isEnum() {
        return decl != null && decl.kind() == Decl.Kind.ENUM;
    }

    public boolean isTrigger() {
        return decl != null && decl.kind() == Decl.Kind.TRIGGER;
    }

    public boolean isAbstract() {
        return decl != null && decl.has("abstract");
    }

    public boolean isTest() {
        return decl != null && decl.annotation("IsTest") != null;
    }

    /** Subclass of Exception (platform or custom). */
    public boolean isException() {
        for (ClassInfo c = this; c != null; c = c.superclass) {
            if (c.platform && c.name.equals("Exception")) {
                return true;
            }
        }
        return false;
    }

    public boolean isSubtypeOf(ClassInfo other) {
        if (other == this) {
            return true;
        }
        if (superclass != null && superclass.isSubtypeOf(other)) {
            return true;
        }
        for (ClassInfo i : interfaces) {
            if (i.isSubtypeOf(other)) {
                return true;
            }
        }
        return false;
    }

    /** Assigns instance slot numbers after the superclass's (call once the hierarchy is linked). */
    public int instanceSlotCount() {
        if (instanceSlots < 0) {
            ownInstanceStart = superclass == null ? 0 : superclass.instanceSlotCount();
            int n = ownInstanceStart;
            for (FieldSlot f : instanceFields.values()) {
                f.index = n++;
            }
            instanceSlots = n;
        }
        return instanceSlots;
    }

    /** An instance field here or inherited. */
    public FieldSlot instanceField(String fieldName) {
        String k = fieldName.toLowerCase(Locale.ROOT);
        for (ClassInfo c = this; c != null; c = c.superclass) {
            c.instanceSlotCount();
            FieldSlot f = c.instanceFields.get(k);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** A static field here or inherited. */
    public FieldSlot staticField(String fieldName) {
        String k = fieldName.toLowerCase(Locale.ROOT);
        for (ClassInfo c = this; c != null; c = c.superclass) {
            FieldSlot f = c.staticFields.get(k);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** Methods of this name visible here: own first, then inherited (from superclasses and interfaces). */
    public List<MethodInfo> findMethods(String methodName) {
        List<MethodInfo> out = new ArrayList<>();
        String k = methodName.toLowerCase(Locale.ROOT);
        for (ClassInfo c = this; c != null; c = c.superclass) {
            out.addAll(c.methods.getOrDefault(k, List.of()));
            for (ClassInfo i : c.interfaces) {
                out.addAll(i.findMethods(methodName));
            }
        }
        return out;
    }

    public ClassInfo innerClass(String simple) {
        for (ClassInfo c = this; c != null; c = c.superclass) {
            ClassInfo i = c.inner.get(simple.toLowerCase(Locale.ROOT));
            if (i != null) {
                return i;
            }
        }
        return null;
    }

    /** The top-level class this one is nested in (or itself). */
    public ClassInfo top() {
        ClassInfo c = this;
        while (c.outer != null) {
            c = c.outer;
        }
        return c;
    }

    @Override
    public String toString() {
        return name;
    }
}
