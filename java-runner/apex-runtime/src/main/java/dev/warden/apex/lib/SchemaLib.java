package dev.warden.apex.lib;

import dev.warden.apex.exec.Frame;
import dev.warden.apex.host.ObjectAccess;
import dev.warden.apex.host.SObjectSchema;
import dev.warden.apex.value.SObjectValue;
import dev.warden.soql.FieldInfo;
import java.util.List;
import java.util.Set;

/** Schema tokens and the describe subset: key prefix, name, object access of the running user (from the host). */
public final class SchemaLib implements Builtin {
  @Override
  public String name() {
    return "Schema";
  }

  @Override
  public Set<String> statics() {
    return Set.of();
  }

  @Override
  public Object call(Frame f, String m, List<Object> a) {
    throw Args.noSuch(f, "Schema", m, a);
  }

  /** {@code Account.SObjectType}: compares by object, prints its name. */
  public record SObjectTypeToken(SObjectSchema schema) implements Native {
    @Override
    public String apexType() {
      return "Schema.SObjectType";
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
      return switch (m) {
        case "getdescribe" -> new Describe(schema);
        case "newsobject" -> new SObjectValue(schema);
        case "tostring" -> schema.name();
        case "equals" -> equals(a.get(0));
        case "hashcode" -> hashCode();
        default -> throw Args.noSuch(f, "Schema.SObjectType", m, a);
      };
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SObjectTypeToken t && t.schema.is(schema.name());
    }

    @Override
    public int hashCode() {
      return schema.name().toLowerCase(java.util.Locale.ROOT).hashCode();
    }

    @Override
    public String toString() {
      return schema.name();
    }
  }

  /** {@code Account.Name} as a token. */
  public record FieldToken(SObjectSchema schema, FieldInfo field) implements Native {
    @Override
    public String apexType() {
      return "Schema.SObjectField";
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
      return switch (m) {
        case "tostring" -> field.name();
        default -> throw Args.noSuch(f, "Schema.SObjectField", m, a);
      };
    }

    @Override
    public String toString() {
      return field.name();
    }
  }

  /** DescribeSObjectResult; access answers follow the running user (System.runAs). */
  public record Describe(SObjectSchema schema) implements Native {
    @Override
    public String apexType() {
      return "Schema.DescribeSObjectResult";
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
      ObjectAccess access = m.startsWith("is") ? f.tx.host.objectAccess(f.tx.user().id(), schema.name()) : null;
      return switch (m) {
        case "getkeyprefix" -> schema.keyPrefix();
        case "getname", "getlocalname" -> schema.name();
        case "getlabel" -> schema.name();
        case "getsobjecttype" -> new SObjectTypeToken(schema);
        case "iscustom" -> schema.name().endsWith("__c") || schema.name().endsWith("__mdt")
            || schema.name().endsWith("__e");
        case "isaccessible", "isqueryable" -> access.readable();
        case "iscreateable" -> access.creatable();
        case "isupdateable" -> access.updateable();
        case "isdeletable" -> access.deletable();
        default -> throw Args.noSuch(f, "Schema.DescribeSObjectResult", m, a);
      };
    }
  }
}
