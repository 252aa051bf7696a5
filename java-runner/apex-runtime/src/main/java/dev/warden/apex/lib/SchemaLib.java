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
                case "getdescribe" -> new FieldDescribe(schema, field);
                case "equals" ->
                    a.get(0) instanceof FieldToken t
                            && t.field.name().equalsIgnoreCase(field.name())
                            && t.schema.is(schema.name());
                default -> throw Args.noSuch(f, "Schema.SObjectField", m, a);
            };
        }

        @Override
        public String toString() {
            return field.name();
        }
    }

    /** {@code describe.fields}: field tokens by name ({@code fields.Name}) and {@code getMap()}. */
    public record Fields(SObjectSchema schema) implements Native {
        @Override
        public String apexType() {
            return "Schema.SObjectTypeFields";
        }

        @Override
        public Object get(Frame f, String property) {
            FieldInfo fi = schema.field(property);
            if (fi == null) {
                throw dev.warden.apex.exec.Errors.apex(
                        f, "SObjectException", "Invalid field " + property + " for " + schema.name());
            }
            return new FieldToken(schema, fi);
        }

        @Override
        public Object call(Frame f, String m, List<Object> a) {
            if (m.equals("getmap")) {
                // keys are lower-case API names, as Salesforce's field map answers them
                dev.warden.apex.value.ApexMap map = new dev.warden.apex.value.ApexMap(
                        dev.warden.apex.lower.TypeRef.of("String", null),
                        dev.warden.apex.lower.TypeRef.of("Schema.SObjectField", null));
                map.caseInsensitiveKeys = true;
                for (FieldInfo fi : schema.info().fields()) {
                    map.put(fi.name().toLowerCase(java.util.Locale.ROOT), new FieldToken(schema, fi));
                }
                return map;
            }
            throw Args.noSuch(f, "Schema.SObjectTypeFields", m, a);
        }
    }

    /** DescribeFieldResult: name, type, reference targets; access from the host's object access (FLS not modelled). */
    public record FieldDescribe(SObjectSchema schema, FieldInfo field) implements Native {
        @Override
        public String apexType() {
            return "Schema.DescribeFieldResult";
        }

        @Override
        public Object call(Frame f, String m, List<Object> a) {
            ObjectAccess access =
                    m.startsWith("is") ? f.tx.host.objectAccess(f.tx.user().id(), schema.name()) : null;
            return switch (m) {
                case "getname", "getlocalname" -> field.name();
                case "getlabel" -> field.name();
                case "getsobjectfield" -> new FieldToken(schema, field);
                case "gettype" ->
                    new dev.warden.apex.value.EnumValue(
                            "Schema.DisplayType", field.type().name(), 0);
                case "getrelationshipname" -> field.relationshipName();
                case "getreferenceto" -> {
                    List<Object> out = new java.util.ArrayList<>();
                    for (String r : field.referenceTo()) {
                        SObjectSchema target = f.tx.program.describe(r);
                        if (target != null) {
                            out.add(new SObjectTypeToken(target));
                        }
                    }
                    yield new dev.warden.apex.value.ApexList(
                            dev.warden.apex.lower.TypeRef.of("Schema.SObjectType", null), out);
                }
                case "iscustom" -> field.name().endsWith("__c");
                case "isautonumber" -> {
                    Boolean auto = f.tx.host.isAutoNumber(schema.name(), field.name());
                    if (auto == null) {
                        throw dev.warden.apex.exec.Errors.unsupported(
                                "isAutoNumber() of " + schema.name() + "." + field.name() + " (the org does not say)",
                                f);
                    }
                    yield auto;
                }
                case "isaccessible" -> access.readable();
                case "iscreateable" -> access.creatable();
                case "isupdateable" -> access.updateable() && !field.name().equals("Id");
                default -> throw Args.noSuch(f, "Schema.DescribeFieldResult", m, a);
            };
        }
    }

    /** DescribeSObjectResult; access answers follow the running user (System.runAs). */
    public record Describe(SObjectSchema schema) implements Native {
        @Override
        public String apexType() {
            return "Schema.DescribeSObjectResult";
        }

        @Override
        public Object get(Frame f, String property) {
            if (property.equalsIgnoreCase("fields")) {
                return new Fields(schema);
            }
            throw dev.warden.apex.exec.Errors.unsupported("Schema.DescribeSObjectResult." + property, f);
        }

        @Override
        public Object call(Frame f, String m, List<Object> a) {
            ObjectAccess access =
                    m.startsWith("is") ? f.tx.host.objectAccess(f.tx.user().id(), schema.name()) : null;
            return switch (m) {
                case "getkeyprefix" -> schema.keyPrefix();
                case "getname", "getlocalname" -> schema.name();
                case "getlabel" -> schema.name();
                case "getsobjecttype" -> new SObjectTypeToken(schema);
                case "fields" -> new Fields(schema);
                case "iscustom" ->
                    schema.name().endsWith("__c")
                            || schema.name().endsWith("__mdt")
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
