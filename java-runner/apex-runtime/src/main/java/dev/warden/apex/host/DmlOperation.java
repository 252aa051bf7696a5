package dev.warden.apex.host;

/** The DML verbs Apex hands to the host. */
public enum DmlOperation {
    INSERT,
    UPDATE,
    UPSERT,
    DELETE,
    UNDELETE
}
