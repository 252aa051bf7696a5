package dev.warden.localorg.model;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Whether SOSL searches an object type: custom objects and the standard CRM objects are searchable, setup and
 * platform objects are not. A schema fact read by describe ({@code searchable}) and by the search index, so it lives
 * with the schema rather than in either wire package.
 */
public final class Searchability {
    private static final Set<String> STANDARD_SEARCHABLE = new HashSet<>();

    static {
        for (String n : StandardObjectSnapshot.objectNames()) {
            STANDARD_SEARCHABLE.add(n.toLowerCase(Locale.ROOT));
        }
        STANDARD_SEARCHABLE.remove("apexlog");
    }

    private Searchability() {}

    public static boolean searchable(SObjectType t) {
        return t.kind() == ObjectKind.CUSTOM_OBJECT
                || STANDARD_SEARCHABLE.contains(t.name().toLowerCase(Locale.ROOT));
    }
}
