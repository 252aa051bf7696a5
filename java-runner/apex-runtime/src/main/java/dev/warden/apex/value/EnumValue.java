package dev.warden.apex.value;

/** One value of an Apex enum (user-declared or platform): its type name, name and ordinal. */
public record EnumValue(String typeName, String name, int ordinal) {
    @Override
    public String toString() {
        return name;
    }
}
