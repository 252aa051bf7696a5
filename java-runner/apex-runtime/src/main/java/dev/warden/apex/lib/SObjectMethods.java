package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.SObjects;
import dev.warden.apex.value.ApexMap;
import dev.warden.apex.value.SObjectValue;
import dev.warden.apex.value.Values;
import dev.warden.soql.FieldInfo;
import java.util.List;

/** SObject instance methods: get/put by name, clone, getSObjectType, addError (not yet). */
final class SObjectMethods {
    private SObjectMethods() {}

    static Object call(Frame f, SObjectValue s, String m, List<Object> a) {
        switch (m) {
            case "get": {
                String name =
                        a.get(0) instanceof SchemaLib.FieldToken t ? t.field().name() : Args.strNotNull(f, a, 0);
                FieldInfo fi = s.schema.field(name);
                if (fi == null) {
                    throw Errors.apex(f, "SObjectException", "Invalid field " + name + " for " + s.typeName());
                }
                return SObjects.get(f, s, fi.name());
            }
            case "put": {
                String name =
                        a.get(0) instanceof SchemaLib.FieldToken t ? t.field().name() : Args.strNotNull(f, a, 0);
                Object old = s.get(name);
                SObjects.put(f, s, name, a.get(1));
                return old;
            }
            case "clone": {
                boolean keepId = !a.isEmpty() && Boolean.TRUE.equals(a.get(0));
                SObjectValue c = s.copy();
                c.fromQuery = s.fromQuery;
                if (!keepId) {
                    c.remove("Id");
                }
                return c;
            }
            case "getsobjecttype":
                return new SchemaLib.SObjectTypeToken(s.schema);
            case "getpopulatedfieldsasmap": {
                ApexMap map = new ApexMap(
                        dev.warden.apex.lower.TypeRef.of("String", null),
                        dev.warden.apex.lower.TypeRef.of("Object", null));
                for (String n : s.fieldNames()) {
                    map.put(n, s.get(n));
                }
                return map;
            }
            case "issset":
            case "isset":
                return s.has(Args.strNotNull(f, a, 0));
            case "equals":
                return Values.apexEquals(s, a.get(0));
            case "tostring":
                return Values.text(s);
            case "adderror": {
                // addError(message), addError(message, escape), addError(field, message), addError(field, message,
                // escape)
                boolean fieldFirst = a.size() >= 2 && !(a.get(1) instanceof Boolean);
                String field = !fieldFirst
                        ? null
                        : a.get(0) instanceof SchemaLib.FieldToken t ? t.field().name() : Args.str(f, a, 0);
                Object msg = fieldFirst ? a.get(1) : a.get(0);
                String text = msg instanceof dev.warden.apex.value.ApexObject e && e.type.isException()
                        ? String.valueOf(e.state.get("message"))
                        : Values.text(msg);
                s.errors.add(new dev.warden.apex.host.DmlError(
                        "FIELD_CUSTOM_VALIDATION_EXCEPTION", text, field == null ? List.of() : List.of(field)));
                return null;
            }
            case "haserrors":
                return !s.errors.isEmpty();
            case "geterrors": {
                List<Object> out = new java.util.ArrayList<>();
                for (Object e : s.errors) {
                    out.add(new SaveResultValue.ErrorValue((dev.warden.apex.host.DmlError) e));
                }
                return new dev.warden.apex.value.ApexList(
                        dev.warden.apex.lower.TypeRef.of("Database.Error", null), out);
            }
            default:
                throw Args.noSuch(f, s.typeName(), m, a);
        }
    }
}
