package dev.warden.apex.exec;

import dev.warden.apex.host.SObjectSchema;
import dev.warden.soql.FieldInfo;
import dev.warden.soql.FieldType;
import dev.warden.soql.SObjectInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Change data capture event types ({@code AccountChangeEvent}, {@code Order__ChangeEvent}), derived from the object
 * they describe: its fields without relationships (an event carries ids, not parent records), plus
 * {@code ChangeEventHeader} (an {@code EventBus.ChangeEventHeader}, catalogued, not implemented) and
 * {@code ReplayId}. Apex code naming them compiles and may build one; nothing publishes or delivers change events in
 * the local org. UNCONFIRMED: which standard objects Salesforce offers change events for (here: any standard or custom
 * object the host describes).
 */
final class ChangeEvents {
    private ChangeEvents() {}

    /** The header field, told apart by identity so its Apex type is EventBus.ChangeEventHeader. */
    static final FieldInfo HEADER = new FieldInfo("ChangeEventHeader", FieldType.STRING, List.of(), null);

    static final RType HEADER_TYPE = RType.simple(RType.Kind.NATIVE, "EventBus.ChangeEventHeader");

    /** The change event type named {@code name}, or null when it names none. */
    static SObjectSchema derive(String name, Function<String, SObjectSchema> describe) {
        String lower = name.toLowerCase(Locale.ROOT);
        String base;
        if (lower.endsWith("__changeevent")) {
            base = name.substring(0, name.length() - "ChangeEvent".length()) + "c";
        } else if (lower.endsWith("changeevent") && lower.length() > "changeevent".length()) {
            base = name.substring(0, name.length() - "ChangeEvent".length());
        } else {
            return null;
        }
        SObjectSchema object = describe.apply(base);
        if (object == null
                || object.kind() != SObjectSchema.Kind.STANDARD && object.kind() != SObjectSchema.Kind.CUSTOM) {
            return null;
        }
        String eventName = object.name().endsWith("__c")
                ? object.name().substring(0, object.name().length() - 1) + "ChangeEvent"
                : object.name() + "ChangeEvent";
        List<FieldInfo> fields = new ArrayList<>();
        for (FieldInfo f : object.info().fields()) {
            fields.add(new FieldInfo(f.name(), f.type(), f.referenceTo(), null));
        }
        fields.add(HEADER);
        fields.add(new FieldInfo("ReplayId", FieldType.STRING, List.of(), null));
        return new SObjectSchema(new SObjectInfo(eventName, fields), null, SObjectSchema.Kind.PLATFORM_EVENT);
    }
}
