package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.ExceptionSupport;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.value.ApexId;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.ApexMap;
import dev.warden.apex.value.ApexObject;
import dev.warden.apex.value.ApexSet;
import dev.warden.apex.value.Blob;
import dev.warden.apex.value.EnumValue;
import dev.warden.apex.value.SObjectValue;
import dev.warden.apex.value.Values;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Instance methods on values whose class is a platform type, dispatched on the run-time value. */
public final class InstanceMethods {
    private InstanceMethods() {}

    public static Object call(Frame f, Object self, String m, List<Object> a) {
        if (self instanceof String s) {
            return StringLib.instance(f, s, m, a);
        }
        if (self instanceof ApexList l) {
            return ListMethods.call(f, l, m, a);
        }
        if (self instanceof ApexMap map) {
            return MapMethods.call(f, map, m, a);
        }
        if (self instanceof ApexSet set) {
            return SetMethods.call(f, set, m, a);
        }
        if (self instanceof SObjectValue s) {
            return SObjectMethods.call(f, s, m, a);
        }
        if (self instanceof ApexId id) {
            return IdLib.instance(f, id, m, a);
        }
        if (Values.isNumber(self)) {
            return NumberLib.instance(f, self, m, a);
        }
        if (self instanceof Blob b) {
            return BlobLib.instance(f, b, m, a);
        }
        if (self instanceof LocalDate d) {
            return DateLib.instance(f, d, m, a);
        }
        if (self instanceof Instant t) {
            return DatetimeLib.instance(f, t, m, a);
        }
        if (self instanceof Boolean b && m.equals("equals")) {
            return b.equals(a.get(0));
        }
        if (self instanceof EnumValue e) {
            return switch (m) {
                case "name", "tostring" -> e.name();
                case "ordinal" -> e.ordinal();
                case "equals" -> e.equals(a.get(0));
                case "hashcode" -> e.hashCode();
                default -> throw Args.noSuch(f, e.typeName(), m, a);
            };
        }
        if (self instanceof ApexObject o) {
            if (!o.type.platform) {
                Object[] args = a.toArray();
                var target = dev.warden.apex.exec.Invoker.virtualTarget(f, o, m, args.length, args);
                if (target != null) {
                    return dev.warden.apex.exec.Invoker.invoke(f, target, o, args);
                }
            }
            if (o.type.isException()) {
                boolean[] handled = new boolean[1];
                Object r = ExceptionSupport.call(f, o, m, a, handled);
                if (handled[0]) {
                    return r;
                }
            }
            switch (m) {
                case "tostring":
                    return Values.text(o);
                case "equals":
                    return o == a.get(0);
                case "hashcode":
                    return System.identityHashCode(o);
                default:
                    throw Errors.unsupported(o.type.name() + "." + m, f);
            }
        }
        if (self instanceof Native n) {
            return n.call(f, m, a);
        }
        throw Errors.unsupported(Values.typeName(self) + "." + m, f);
    }
}
