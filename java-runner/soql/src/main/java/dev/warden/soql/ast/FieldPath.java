package dev.warden.soql.ast;

import java.util.List;

/** A field reference as written, e.g. {@code Profile.UserLicense.Name}; {@code pos} is where it starts. */
public record FieldPath(List<String> parts, Pos pos) {
    public FieldPath {
        parts = List.copyOf(parts);
    }

    public String text() {
        return String.join(".", parts);
    }
}
