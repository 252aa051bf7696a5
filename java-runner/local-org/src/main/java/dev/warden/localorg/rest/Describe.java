package dev.warden.localorg.rest;

import dev.warden.localorg.model.ChildRelationshipDef;
import dev.warden.localorg.model.DescribeFacts;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.ObjectKind;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.model.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** REST describe shapes (global describe entries and sobject describe). */
final class Describe {
    private Describe() {}

    static Map<String, Object> summary(String version, SObjectType t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("label", t.label());
        m.put("labelPlural", t.pluralLabel());
        m.put("keyPrefix", t.keyPrefix());
        m.put("custom", t.custom());
        m.put("customSetting", t.kind() == ObjectKind.CUSTOM_SETTING);
        m.put("createable", t.capabilities().createable());
        m.put("updateable", t.capabilities().updateable());
        m.put("deletable", t.capabilities().deletable());
        m.put("undeletable", t.capabilities().undeletable());
        m.put("queryable", t.capabilities().queryable());
        m.put("retrieveable", t.capabilities().queryable());
        m.put("searchable", dev.warden.localorg.model.Searchability.searchable(t));
        m.put("triggerable", t.kind() != ObjectKind.CUSTOM_METADATA);
        m.put("layoutable", t.kind() == ObjectKind.CUSTOM_OBJECT);
        m.put("deprecatedAndHidden", false);
        m.put("urls", urls(version, t));
        return m;
    }

    static Map<String, Object> full(String version, SObjectType t, Schema schema) {
        Map<String, Object> m = summary(version, t);
        List<Map<String, Object>> fields = new ArrayList<>();
        for (FieldDef f : t.fields()) {
            fields.add(field(f, schema.describeFacts(t.name(), f.name())));
        }
        m.put("fields", fields);
        List<Map<String, Object>> children = new ArrayList<>();
        for (ChildRelationshipDef c : schema.childRelationships(t.name())) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("cascadeDelete", false);
            r.put("childSObject", c.childObject());
            r.put("deprecatedAndHidden", false);
            r.put("field", c.field());
            r.put("junctionIdListNames", List.of());
            r.put("junctionReferenceTo", List.of());
            r.put("relationshipName", c.relationshipName());
            r.put("restrictedDelete", false);
            children.add(r);
        }
        m.put("childRelationships", children);
        m.put("recordTypeInfos", List.of());
        m.put("supportedScopes", List.of());
        return m;
    }

    private static Map<String, Object> urls(String version, SObjectType t) {
        String base = "/services/data/v" + version + "/sobjects/" + t.name();
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("sobject", base);
        u.put("describe", base + "/describe");
        u.put("rowTemplate", base + "/{ID}");
        return u;
    }

    private static Map<String, Object> field(FieldDef f, DescribeFacts facts) {
        List<String> picklist =
                facts != null && !facts.picklistValues().isEmpty() ? facts.picklistValues() : f.picklistValues();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("label", f.label());
        m.put("type", f.type().describeName());
        m.put("soapType", soapType(f.type()));
        m.put("length", f.type().isText() ? f.length() : 0);
        m.put("byteLength", f.type().isText() ? f.length() * 3 : 0);
        m.put("digits", f.type() == FieldType.INT ? 9 : 0);
        m.put(
                "precision",
                f.type() == FieldType.DOUBLE || f.type() == FieldType.CURRENCY || f.type() == FieldType.PERCENT
                        ? 18
                        : 0);
        m.put(
                "scale",
                f.type() == FieldType.DOUBLE || f.type() == FieldType.CURRENCY || f.type() == FieldType.PERCENT
                        ? 2
                        : 0);
        m.put("nillable", f.nillable());
        m.put("createable", f.createable());
        m.put("updateable", f.updateable());
        m.put("custom", f.custom());
        m.put("defaultedOnCreate", f.defaultValue() != null || !f.createable());
        m.put("defaultValue", f.defaultValue());
        m.put("unique", f.unique());
        m.put("externalId", f.externalId() || (facts != null && facts.externalId()));
        m.put("idLookup", f.name().equals("Id") || f.unique() || f.externalId());
        m.put("nameField", facts != null ? facts.nameField() : f.name().equals("Name"));
        m.put("autoNumber", false);
        m.put("calculated", f.calculated());
        m.put("calculatedFormula", f.calculated() ? f.calculation().formula() : null);
        m.put("filterable", f.type() != FieldType.TEXTAREA && f.type() != FieldType.BASE64);
        m.put(
                "sortable",
                f.type() != FieldType.TEXTAREA && f.type() != FieldType.BASE64 && f.type() != FieldType.MULTIPICKLIST);
        m.put(
                "groupable",
                f.type() != FieldType.TEXTAREA && f.type() != FieldType.BASE64 && f.type() != FieldType.DOUBLE);
        m.put("referenceTo", f.referenceTo());
        m.put("relationshipName", f.relationshipName());
        m.put("polymorphicForeignKey", f.referenceTo().size() > 1);
        m.put(
                "restrictedPicklist",
                facts != null ? facts.restrictedPicklist() : !f.picklistValues().isEmpty());
        List<Map<String, Object>> values = new ArrayList<>();
        for (String v : picklist) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("active", true);
            p.put("defaultValue", v.equals(f.defaultValue()));
            p.put("label", v);
            p.put("validFor", null);
            p.put("value", v);
            values.add(p);
        }
        m.put("picklistValues", values);
        return m;
    }

    static String soapType(FieldType t) {
        return switch (t) {
            case ID, REFERENCE -> "tns:ID";
            case BOOLEAN -> "xsd:boolean";
            case INT -> "xsd:int";
            case LONG -> "xsd:long";
            case DOUBLE, CURRENCY, PERCENT -> "xsd:double";
            case DATE -> "xsd:date";
            case DATETIME -> "xsd:dateTime";
            case BASE64 -> "xsd:base64Binary";
            default -> "xsd:string";
        };
    }
}
