package dev.warden.apex.link;

import dev.warden.apex.lower.Decl;
import dev.warden.apex.lower.TypeRef;

/**
 * A field or property of a class: its slot (static slots per class per transaction, instance slots per object),
 * declared type and, for properties, compiled accessors (null for automatic ones).
 */
public final class FieldSlot {
    public final ClassInfo owner;
    public final String name;
    public final TypeRef type;
    public final boolean isStatic;
    public final boolean isFinal;
    public final Decl declaration;
    public int index;
    /** Property accessors (compiled closures, typed as Object to keep link free of exec); null = automatic. */
    public Object getter;

    public Object setter;
    public boolean property;

    public FieldSlot(ClassInfo owner, String name, TypeRef type, boolean isStatic, boolean isFinal, Decl declaration) {
        this.owner = owner;
        this.name = name;
        this.type = type;
        this.isStatic = isStatic;
        this.isFinal = isFinal;
        this.declaration = declaration;
    }
}
