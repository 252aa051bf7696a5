package dev.warden.apex.host;

/** A user's object-level access (CRUD), as Schema describe and USER_MODE report it. FLS is not modelled. */
public record ObjectAccess(boolean readable, boolean creatable, boolean updateable, boolean deletable) {
    public static final ObjectAccess ALL = new ObjectAccess(true, true, true, true);
}
