package dev.warden.apex.value;

import dev.warden.apex.link.ClassInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * An instance of an Apex class: its class and field slots. Exceptions keep message, cause and platform details
 * (DML rows, stack) in {@code state}.
 */
public final class ApexObject {
    public final ClassInfo type;
    public final Object[] fields;
    public final Map<String, Object> state = new HashMap<>();

    public ApexObject(ClassInfo type) {
        this.type = type;
        this.fields = new Object[type.instanceSlotCount()];
    }
}
