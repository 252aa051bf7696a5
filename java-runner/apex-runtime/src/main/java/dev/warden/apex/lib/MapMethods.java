package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.RType;
import dev.warden.apex.exec.Types;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.ApexMap;
import dev.warden.apex.value.ApexSet;
import dev.warden.apex.value.SObjectValue;
import dev.warden.apex.value.Values;
import java.util.List;
import java.util.Map;

/** Map instance methods (keys compared with Apex key equality: Strings case-sensitively, Ids by 15 characters). */
final class MapMethods {
    private MapMethods() {}

    static Object call(Frame f, ApexMap map, String m, List<Object> a) {
        RType kt = map.keyType == null ? null : f.tx.program.types.tryResolve(map.keyType, null);
        RType vt = map.valueType == null ? null : f.tx.program.types.tryResolve(map.valueType, null);
        switch (m) {
            case "put":
                return map.put(Types.coerce(f, a.get(0), kt), Types.coerce(f, a.get(1), vt));
            case "get":
                return map.get(Types.coerce(f, a.get(0), kt));
            case "containskey":
                return map.containsKey(Types.coerce(f, a.get(0), kt));
            case "remove": {
                Map.Entry<Object, Object> e = map.entries.remove(map.key(Types.coerce(f, a.get(0), kt)));
                return e == null ? null : e.getValue();
            }
            case "keyset": {
                ApexSet s = new ApexSet(map.keyType);
                for (Map.Entry<Object, Object> e : map.entries.values()) {
                    s.add(e.getKey());
                }
                return s;
            }
            case "values": {
                ApexList l = new ApexList(map.valueType);
                for (Map.Entry<Object, Object> e : map.entries.values()) {
                    l.items.add(e.getValue());
                }
                return l;
            }
            case "size":
                return map.entries.size();
            case "isempty":
                return map.entries.isEmpty();
            case "clear":
                map.entries.clear();
                return null;
            case "putall": {
                Object o = a.get(0);
                if (o == null) {
                    throw Errors.npe(f);
                }
                if (o instanceof ApexMap other) {
                    for (Map.Entry<Object, Object> e : other.entries.values()) {
                        map.put(e.getKey(), e.getValue());
                    }
                } else {
                    for (Object r : ((ApexList) o).items) {
                        map.put(((SObjectValue) r).id(), r);
                    }
                }
                return null;
            }
            case "clone": {
                ApexMap c = new ApexMap(map.keyType, map.valueType);
                c.entries.putAll(map.entries);
                return c;
            }
            case "equals":
                return Values.apexEquals(map, a.get(0));
            case "tostring":
                return Values.text(map);
            default:
                throw Args.noSuch(f, "Map", m, a);
        }
    }
}
