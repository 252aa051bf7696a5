package dev.warden.apex.value;

/** An instance of a platform type implemented in Java (Pattern, Matcher, SaveResult, RestRequest, ...). */
public interface NativeObject {
    /** Apex type name, e.g. "Database.SaveResult". */
    String apexType();
}
