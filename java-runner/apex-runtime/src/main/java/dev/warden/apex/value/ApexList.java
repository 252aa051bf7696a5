package dev.warden.apex.value;

import dev.warden.apex.lower.TypeRef;
import java.util.ArrayList;
import java.util.List;

/** An Apex List (and array): elements in order, with its element type for casts, instanceof and JSON. */
public final class ApexList {
    public final TypeRef elementType;
    public final List<Object> items;
    /** Rows of an inline query: assigned to one SObject, it must hold exactly one row. */
    public boolean fromQuery;

    public ApexList(TypeRef elementType, List<Object> items) {
        this.elementType = elementType;
        this.items = items;
    }

    public ApexList(TypeRef elementType) {
        this(elementType, new ArrayList<>());
    }
}
