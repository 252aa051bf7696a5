package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.Queries;
import dev.warden.apex.exec.RType;
import dev.warden.apex.host.SObjectSchema;
import dev.warden.apex.value.ApexId;
import dev.warden.apex.value.ApexMap;
import dev.warden.apex.value.SObjectValue;
import java.util.List;
import java.util.Map;

/**
 * Statics on SObject types: custom metadata {@code getAll()/getInstance(name)} and hierarchy custom settings
 * {@code getInstance()/getInstance(userId)/getOrgDefaults()/getValues(id)}, read from the host without SOQL.
 */
public final class SObjectTypeStatics {
  private SObjectTypeStatics() {}

  public static boolean supports(SObjectSchema s, String m) {
    return switch (s.kind()) {
      case CUSTOM_METADATA -> m.equals("getall") || m.equals("getinstance");
      case HIERARCHY_SETTING -> m.equals("getinstance") || m.equals("getorgdefaults") || m.equals("getvalues");
      default -> false;
    };
  }

  public static RType returnType(SObjectSchema s, String m) {
    return m.equals("getall") ? RType.map(RType.STRING_T, RType.sobject(s)) : RType.sobject(s);
  }

  public static Object call(Frame f, SObjectSchema s, String m, List<Object> a) {
    if (s.kind() == SObjectSchema.Kind.CUSTOM_METADATA) {
      ApexMap all = new ApexMap(RType.STRING_T.ref(), RType.sobject(s).ref());
      for (Map<String, Object> row : f.tx.host.customMetadata(s.name())) {
        SObjectValue v = record(s, row);
        all.put(String.valueOf(row.get("DeveloperName")), v);
      }
      if (m.equals("getall")) {
        return all;
      }
      String name = Args.str(f, a, 0);
      for (Map.Entry<Object, Object> e : all.entries.values()) {
        if (String.valueOf(e.getKey()).equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
      return null;
    }
    String userId = switch (m) {
      case "getorgdefaults" -> null;
      case "getinstance", "getvalues" -> a.isEmpty() ? f.tx.user().id()
          : a.get(0) == null ? null : a.get(0).toString();
      default -> throw Errors.unsupported(s.name() + "." + m, f);
    };
    Map<String, Object> row = f.tx.host.hierarchySetting(s.name(), userId);
    if (row == null) {
      // getInstance() answers a record with defaults even when none exists; getValues/getOrgDefaults answer null
      return m.equals("getinstance") ? new SObjectValue(s) : null;
    }
    return record(s, row);
  }

  private static SObjectValue record(SObjectSchema s, Map<String, Object> row) {
    SObjectValue v = new SObjectValue(s);
    for (Map.Entry<String, Object> e : row.entrySet()) {
      var fi = s.field(e.getKey());
      Object val = Queries.fromStore(fi, e.getValue());
      v.put(fi == null ? e.getKey() : fi.name(), val instanceof String str && fi != null && fi.type().isId()
          ? ApexId.parse(str) : val);
    }
    return v;
  }
}
