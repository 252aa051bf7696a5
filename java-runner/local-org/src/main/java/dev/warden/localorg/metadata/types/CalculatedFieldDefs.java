package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.children;
import static dev.warden.localorg.metadata.MetadataXml.text;

import dev.warden.localorg.formula.FormulaException;
import dev.warden.localorg.formula.FormulaFields;
import dev.warden.localorg.formula.FormulaType;
import dev.warden.localorg.formula.OrgCalculatedFields;
import dev.warden.localorg.formula.RollupSummaries;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.model.FieldCalculation;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.SObjectType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * The calculated parts of a CustomField deploy: a {@code <formula>} compiled against the org's schema plus the
 * deploy's own object files (so a formula may read a field deployed with it), and a roll-up summary's
 * {@code summaryForeignKey}/{@code summarizedField}/{@code summaryFilterItems} checked. A failure fails the field with
 * the formula editor's message; the wordings of the roll-up checks are UNCONFIRMED. A formula only the local org
 * cannot compute deploys and reads null.
 */
final class CalculatedFieldDefs {
    /** System fields every custom object has, for formulas on an object created by the same deploy. */
    private static final Map<String, FormulaType> SYSTEM_FIELDS = Map.of(
            "id",
            FormulaType.TEXT,
            "name",
            FormulaType.TEXT,
            "ownerid",
            FormulaType.TEXT,
            "createdbyid",
            FormulaType.TEXT,
            "lastmodifiedbyid",
            FormulaType.TEXT,
            "createddate",
            FormulaType.DATETIME,
            "lastmodifieddate",
            FormulaType.DATETIME,
            "systemmodstamp",
            FormulaType.DATETIME,
            "isdeleted",
            FormulaType.CHECKBOX);

    private CalculatedFieldDefs() {}

    /** A formula field's calculation, compiled (and so checked) for {@code type}. */
    static FieldCalculation formula(String objectName, Element f, FieldType type, DeployContext ctx) {
        String source = text(f, "formula");
        // Absent formulaTreatBlanksAs read as BlankAsZero: the default is UNCONFIRMED.
        FieldCalculation c =
                FieldCalculation.formula(source, !"BlankAsBlank".equals(text(f, "formulaTreatBlanksAs")), scale(f));
        if ("Time".equals(text(f, "type"))) {
            return c; // valid on Salesforce; the local org has no time type to compute it into: reads null
        }
        try {
            OrgCalculatedFields.compile(fields(objectName, ctx), type, c);
        } catch (FormulaException e) {
            // Salesforce accepts what only the local org cannot compute ($User, REGEX(), ...): the deploy succeeds,
            // like Apex the runtime cannot run yet, and the field reads null (docs/local-org.md).
            if (!e.unsupported()) {
                throw e;
            }
        }
        return c;
    }

    /** A roll-up summary's calculation; its field type follows the summarized field (count: a number). */
    static FieldCalculation rollup(String objectName, String name, Element f, DeployContext ctx) {
        String op = text(f, "summaryOperation");
        String fk = text(f, "summaryForeignKey");
        String summarized = text(f, "summarizedField");
        String where = "Roll-up summary field " + objectName + "." + name + ": ";
        if (op == null || !List.of("count", "sum", "min", "max").contains(op.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(where + "summaryOperation must be count, sum, min or max, not " + op);
        }
        if (fk == null || fk.indexOf('.') < 0 || !ctx.fieldKnown(fk)) {
            throw new IllegalArgumentException(where + "summaryForeignKey " + fk + " is not a field");
        }
        String child = fk.substring(0, fk.indexOf('.'));
        String fkType = metadataType(ctx, child, fk.substring(fk.indexOf('.') + 1));
        String target = referenceTo(ctx, child, fk.substring(fk.indexOf('.') + 1));
        if (!"MasterDetail".equals(fkType) || target == null || !target.equalsIgnoreCase(objectName)) {
            throw new IllegalArgumentException(
                    where + "summaryForeignKey " + fk + " is not a master-detail relationship to " + objectName);
        }
        if (!op.equalsIgnoreCase("count")
                && (summarized == null
                        || !summarized.regionMatches(true, 0, child + ".", 0, child.length() + 1)
                        || !ctx.fieldKnown(summarized))) {
            throw new IllegalArgumentException(where + "summarizedField " + summarized + " is not a field of " + child);
        }
        if (text(f, "summaryFilterItems") != null
                && text(f, "booleanFilter") != null
                && !text(f, "booleanFilter").isEmpty()) {
            throw new IllegalArgumentException("not supported by the local org: the roll-up summary filter logic"
                    + " (booleanFilter) of " + objectName + "." + name);
        }
        List<FieldCalculation.SummaryFilter> filters = new ArrayList<>();
        for (Element item : children(f, "summaryFilterItems")) {
            String field = text(item, "field");
            String operation = text(item, "operation");
            if (field == null || !ctx.fieldKnown(field.indexOf('.') < 0 ? child + "." + field : field)) {
                throw new IllegalArgumentException(where + "filter field " + field + " is not a field of " + child);
            }
            if (!RollupSummaries.OPERATIONS.contains(operation)) {
                throw new IllegalArgumentException("not supported by the local org: the roll-up summary filter"
                        + " operation " + operation + " of " + objectName + "." + name);
            }
            if (text(item, "valueField") != null) {
                throw new IllegalArgumentException("not supported by the local org: a roll-up summary filter"
                        + " comparing with a field (valueField) on " + objectName + "." + name);
            }
            filters.add(new FieldCalculation.SummaryFilter(
                    field.indexOf('.') < 0 ? child + "." + field : field, operation, text(item, "value")));
        }
        return FieldCalculation.rollup(
                op.toLowerCase(Locale.ROOT),
                summarized,
                fk,
                filters,
                op.equalsIgnoreCase("count") ? Integer.valueOf(0) : scale(f));
    }

    /** A roll-up's field type: a count is a number; sum/min/max have the summarized field's type. */
    static FieldType rollupType(Element f, DeployContext ctx) {
        String summarized = text(f, "summarizedField");
        if ("count".equalsIgnoreCase(text(f, "summaryOperation"))
                || summarized == null
                || summarized.indexOf('.') < 0) {
            return FieldType.DOUBLE;
        }
        String t = metadataType(
                ctx,
                summarized.substring(0, summarized.indexOf('.')),
                summarized.substring(summarized.indexOf('.') + 1));
        return switch (t == null ? "" : t) {
            case "Currency" -> FieldType.CURRENCY;
            case "Percent" -> FieldType.PERCENT;
            case "Date" -> FieldType.DATE;
            case "DateTime" -> FieldType.DATETIME;
            default -> FieldType.DOUBLE;
        };
    }

    private static Integer scale(Element f) {
        String s = text(f, "scale");
        try {
            return s == null || s.isEmpty() ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid scale " + s);
        }
    }

    /** What a formula on {@code objectName} may read: the schema, then the deploy's object files. */
    static FormulaFields fields(String objectName, DeployContext ctx) {
        FormulaFields inSchema = OrgCalculatedFields.fieldsOf(ctx.org().schema(), objectName);
        return path -> {
            FormulaType known = inSchema.typeOf(path);
            if (known != null) {
                return known;
            }
            String[] parts = path.split("\\.");
            String object = objectName;
            for (int i = 0; i < parts.length - 1 && object != null; i++) {
                object = parent(ctx, object, parts[i]);
            }
            if (object == null) {
                return null;
            }
            String field = parts[parts.length - 1];
            SObjectType t = ctx.org().schema().get(object);
            FieldDef def = t == null ? null : t.field(field);
            if (def != null) {
                return OrgCalculatedFields.formulaType(def.type());
            }
            String type = metadataType(ctx, object, field);
            if (type == null) {
                return t == null && ctx.objectFile(object) != null
                        ? SYSTEM_FIELDS.get(field.toLowerCase(Locale.ROOT))
                        : null;
            }
            return switch (type) {
                case "Number", "Currency", "Percent", "Summary" -> FormulaType.NUMBER;
                case "Checkbox" -> FormulaType.CHECKBOX;
                case "Date" -> FormulaType.DATE;
                case "DateTime" -> FormulaType.DATETIME;
                case "Picklist" -> FormulaType.PICKLIST;
                case "MultiselectPicklist" -> FormulaType.MULTIPICKLIST;
                case "Location" -> null;
                default -> FormulaType.TEXT;
            };
        };
    }

    /** The object a relationship name on {@code object} points at (schema or deploy), or null. */
    private static String parent(DeployContext ctx, String object, String relationship) {
        SObjectType t = ctx.org().schema().get(object);
        FieldDef ref = t == null ? null : t.relationship(relationship);
        if (ref != null && !ref.referenceTo().isEmpty()) {
            return ref.referenceTo().get(0);
        }
        if (relationship.toLowerCase(Locale.ROOT).endsWith("__r")) {
            return referenceTo(ctx, object, relationship.substring(0, relationship.length() - 3) + "__c");
        }
        return List.of("owner", "createdby", "lastmodifiedby").contains(relationship.toLowerCase(Locale.ROOT))
                        && t == null
                        && ctx.objectFile(object) != null
                ? "User"
                : null;
    }

    /** The {@code <type>} of a field in the deploy's object file, else derived from the schema; null = unknown. */
    private static String metadataType(DeployContext ctx, String object, String field) {
        Element file = ctx.objectFile(object);
        Element e = file == null ? null : DeployContext.find(file, "fields", field);
        if (e != null) {
            return text(e, "type");
        }
        SObjectType t = ctx.org().schema().get(object);
        FieldDef def = t == null ? null : t.field(field);
        if (def == null) {
            return null;
        }
        return switch (def.type()) {
            case REFERENCE -> def.required() ? "MasterDetail" : "Lookup";
            case CURRENCY -> "Currency";
            case PERCENT -> "Percent";
            case DATE -> "Date";
            case DATETIME -> "DateTime";
            case DOUBLE, INT, LONG -> "Number";
            default -> "Text";
        };
    }

    private static String referenceTo(DeployContext ctx, String object, String field) {
        Element file = ctx.objectFile(object);
        Element e = file == null ? null : DeployContext.find(file, "fields", field);
        if (e != null) {
            return text(e, "referenceTo");
        }
        SObjectType t = ctx.org().schema().get(object);
        FieldDef def = t == null ? null : t.field(field);
        return def == null || def.referenceTo().isEmpty()
                ? null
                : def.referenceTo().get(0);
    }
}
