package dev.warden.localorg.model;

/** What sort of sObject a type is; decides its system fields, key prefix range and REST behaviour. */
public enum ObjectKind {
    /** Platform-defined object (User, PermissionSet, ContentVersion, ...). */
    STANDARD,
    /** {@code Foo__c} defined by a deploy. */
    CUSTOM_OBJECT,
    /** {@code Foo__c} with {@code customSettingsType} (hierarchy or list). */
    CUSTOM_SETTING,
    /** {@code Foo__e}: published, never stored as queryable rows; kept in the org's event log. */
    PLATFORM_EVENT,
    /** {@code Foo__mdt}: records come from metadata deploys; read-only through the data APIs. */
    CUSTOM_METADATA;

    public static ObjectKind fromApiName(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith("__e")) {
            return PLATFORM_EVENT;
        }
        if (n.endsWith("__mdt")) {
            return CUSTOM_METADATA;
        }
        return n.endsWith("__c") ? CUSTOM_OBJECT : STANDARD;
    }
}
