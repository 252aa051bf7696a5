package dev.warden.apex.exec;

import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.EnumValue;
import java.util.ArrayList;
import java.util.List;

/** values() and valueOf() of user enums. */
final class EnumSupport {
    private EnumSupport() {}

    static ApexList values(ClassInfo cls) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < cls.enumValues.size(); i++) {
            out.add(new EnumValue(cls.name(), cls.enumValues.get(i), i));
        }
        return new ApexList(RType.ofClass(cls).ref(), out);
    }

    static Object valueOf(Frame f, ClassInfo cls, Object name) {
        for (int i = 0; i < cls.enumValues.size(); i++) {
            if (cls.enumValues.get(i).equalsIgnoreCase(String.valueOf(name))) {
                return new EnumValue(cls.name(), cls.enumValues.get(i), i);
            }
        }
        // UNCONFIRMED: Salesforce throws for an unknown name on recent API versions
        return null;
    }
}
