package dev.warden.localorg.metadata;

import static dev.warden.localorg.metadata.DeployEngineTest.xml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.query.OrgSoqlSource;
import dev.warden.localorg.setup.Org;
import dev.warden.soql.QueryOptions;
import dev.warden.soql.Soql;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Formula and roll-up summary fields deployed through the Metadata API: checked at deploy, computed whenever a
 * record is read (the store, SOQL with WHERE and ORDER BY, child subqueries), never stored.
 */
class CalculatedFieldsTest {
    private final Org org = Org.seeded("admin@local.test", java.time.Clock.systemUTC());
    private final Caller sys = Caller.system("005000000000001AAA");

    private DeployOutcome deploy(DeployEngineTest.Zip z) {
        return DeployEngine.deploy(org, org.adminUserId(), z.bytes(), DeployEngine.Options.defaults());
    }

    private static String object(String label, String fields) {
        return xml("CustomObject", "<label>" + label + "</label><pluralLabel>" + label + "s</pluralLabel>" + fields);
    }

    private static String field(String name, String type, String extra) {
        return "<fields><fullName>" + name + "</fullName><label>" + name + "</label>" + extra + "<type>" + type
                + "</type></fields>";
    }

    private static String formula(String name, String type, String formula, String extra) {
        return field(
                name, type, "<formula>" + formula.replace("&", "&amp;").replace("<", "&lt;") + "</formula>" + extra);
    }

    private static String rollup(String name, String op, String summarized, String filters) {
        return field(
                name,
                "Summary",
                "<summaryForeignKey>Box__c.Shelf__c</summaryForeignKey>"
                        + (summarized == null ? "" : "<summarizedField>" + summarized + "</summarizedField>")
                        + filters + "<summaryOperation>" + op + "</summaryOperation>");
    }

    private String shelf;

    @BeforeEach
    void deployShelvesAndBoxes() {
        DeployOutcome out = deploy(new DeployEngineTest.Zip()
                .add(
                        "CustomObject",
                        "Shelf__c",
                        "objects/Shelf__c.object",
                        object(
                                "Shelf",
                                field("Capacity__c", "Number", "<precision>18</precision><scale>0</scale>")
                                        + field("Fill__c", "Percent", "<precision>5</precision><scale>2</scale>")
                                        + formula("Title__c", "Text", "Name & ' (' & TEXT(Capacity__c) & ')'", "")
                                        + formula("Half__c", "Number", "Capacity__c / 3", "<scale>2</scale>")
                                        + formula("Free__c", "Percent", "1 - Fill__c", "<scale>0</scale>")
                                        + formula("Full__c", "Checkbox", "Fill__c >= 1", "")
                                        + formula(
                                                "Review__c",
                                                "Date",
                                                "DATE(2026, 1, 1) + Capacity__c",
                                                "<formulaTreatBlanksAs>BlankAsBlank</formulaTreatBlanksAs>")
                                        + formula("Boxes_Text__c", "Text", "TEXT(Box_Count__c) & ' boxes'", "")
                                        + rollup("Box_Count__c", "count", null, "")
                                        + rollup("Total_Weight__c", "sum", "Box__c.Weight__c", "")
                                        + rollup("Heaviest__c", "max", "Box__c.Weight__c", "")
                                        + rollup(
                                                "Heavy_Boxes__c",
                                                "count",
                                                null,
                                                "<summaryFilterItems><field>Box__c.Weight__c</field>"
                                                        + "<operation>greaterThan</operation><value>5</value></summaryFilterItems>")))
                .add(
                        "CustomObject",
                        "Box__c",
                        "objects/Box__c.object",
                        object(
                                "Box",
                                field(
                                                "Shelf__c",
                                                "MasterDetail",
                                                "<referenceTo>Shelf__c</referenceTo>"
                                                        + "<relationshipName>Boxes</relationshipName>")
                                        + field("Weight__c", "Number", "<precision>18</precision><scale>2</scale>")
                                        + formula("Where__c", "Text", "Shelf__r.Name & '/' & Name", "")
                                        + formula(
                                                "Share__c",
                                                "Number",
                                                "IF(Shelf__r.Total_Weight__c > 0, Weight__c / "
                                                        + "Shelf__r.Total_Weight__c, NULL)",
                                                "<scale>2</scale>"))));
        assertTrue(out.success(), () -> out.failures().toString());
        shelf = org.db().insert(sys, "Shelf__c", Map.of("Name", "S1", "Capacity__c", 10, "Fill__c", 25));
    }

    private String box(String name, double weight) {
        return org.db().insert(sys, "Box__c", Map.of("Name", name, "Shelf__c", shelf, "Weight__c", weight));
    }

    private List<Map<String, Object>> query(String soql) {
        return Soql.query(soql, new OrgSoqlSource(org.db()), QueryOptions.defaults()).records().stream()
                .map(r -> (Map<String, Object>) r.fields())
                .toList();
    }

    @Test
    void formulaFieldsAreComputedWhenARecordIsRead() {
        Record s = org.db().retrieve(shelf);
        assertEquals("S1 (10)", s.get("Title__c"));
        assertEquals(3.33, s.get("Half__c"), "rounded to the field's scale");
        assertEquals(75.0, s.get("Free__c"), "a percent reads as a fraction in the formula and is stored 0-100");
        assertEquals(false, s.get("Full__c"));
        assertEquals(LocalDate.of(2026, 1, 11), s.get("Review__c"));
    }

    @Test
    void aFormulaFollowsTheFieldsItReadsIncludingItsParents() {
        String b = box("B1", 2);
        org.db().update(sys, shelf, Map.of("Name", "Top", "Fill__c", 100));

        assertEquals("Top/B1", org.db().retrieve(b).get("Where__c"));
        assertEquals(true, org.db().retrieve(shelf).get("Full__c"));
    }

    @Test
    void blankAsBlankPropagatesABlankField() {
        Map<String, Object> blank = new HashMap<>();
        blank.put("Capacity__c", null);
        org.db().update(sys, shelf, blank);
        assertNull(org.db().retrieve(shelf).get("Review__c"));
    }

    @Test
    void rollUpSummariesCountAndSumTheLiveChildrenWithTheirFilters() {
        Record empty = org.db().retrieve(shelf);
        assertEquals(0.0, empty.get("Box_Count__c"));
        assertEquals(0.0, empty.get("Total_Weight__c"));
        assertNull(empty.get("Heaviest__c"), "max of no rows is blank");

        box("B1", 2);
        String heavy = box("B2", 8);
        box("B3", 6);
        Record s = org.db().retrieve(shelf);
        assertEquals(3.0, s.get("Box_Count__c"));
        assertEquals(16.0, s.get("Total_Weight__c"));
        assertEquals(8.0, s.get("Heaviest__c"));
        assertEquals(2.0, s.get("Heavy_Boxes__c"));
        assertEquals("3 boxes", s.get("Boxes_Text__c"), "a formula may read a roll-up");
        assertEquals(0.5, org.db().retrieve(heavy).get("Share__c"), "and a child may read its master's roll-up");

        org.db().delete(sys, heavy);
        assertEquals(8.0, org.db().retrieve(shelf).get("Total_Weight__c"));
    }

    @Test
    void aRolledBackChildWriteLeavesTheRollUpAsItWas() {
        box("B1", 2);
        try {
            org.db().transaction(() -> {
                box("B2", 3);
                assertEquals(5.0, org.db().retrieve(shelf).get("Total_Weight__c"), "visible inside the transaction");
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertEquals(2.0, org.db().retrieve(shelf).get("Total_Weight__c"));
    }

    @Test
    void soqlSelectsFiltersAndSortsOnCalculatedFields() {
        String other = org.db().insert(sys, "Shelf__c", Map.of("Name", "S2", "Capacity__c", 4, "Fill__c", 0));
        box("B1", 2);

        assertEquals(
                List.of("S2 (4)", "S1 (10)"),
                query("SELECT Title__c FROM Shelf__c ORDER BY Half__c").stream()
                        .map(r -> r.get("Title__c"))
                        .toList());
        assertEquals(
                other,
                query("SELECT Id FROM Shelf__c WHERE Box_Count__c = 0").get(0).get("Id"));
        Map<String, Object> withChildren = query(
                        "SELECT Title__c, (SELECT Where__c FROM Boxes__r) FROM Shelf__c" + " WHERE Title__c LIKE 'S1%'")
                .get(0);
        assertTrue(String.valueOf(withChildren.get("Boxes__r")).contains("S1/B1"), withChildren.toString());
        assertEquals("S1/B1", query("SELECT Where__c FROM Box__c").get(0).get("Where__c"));
    }

    @Test
    void aSavedOrgKeepsItsCalculatedFields(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        box("B1", 2);
        java.nio.file.Path file = dir.resolve("org.json");
        dev.warden.localorg.setup.StateFile.save(org, file);

        Org loaded = dev.warden.localorg.setup.StateFile.load(file, java.time.Clock.systemUTC());

        Record s = loaded.db().retrieve(shelf);
        assertEquals("S1 (10)", s.get("Title__c"));
        assertEquals(2.0, s.get("Total_Weight__c"));
        assertEquals(1.0, loaded.db().retrieve(shelf).get("Box_Count__c"));
    }

    @Test
    void apexSeesFormulaAndRollUpValuesThroughSoql() {
        box("B1", 4);
        var result = dev.warden.localorg.apex.AnonymousApex.execute(
                org,
                org.adminUserId(),
                "Shelf__c s = [SELECT Title__c, Total_Weight__c, (SELECT Where__c FROM Boxes__r) FROM Shelf__c];\n"
                        + "System.assertEquals('S1 (10)', s.Title__c);\n"
                        + "System.assertEquals(4, s.Total_Weight__c);\n"
                        + "Box__c b = [SELECT Where__c, Shelf__r.Box_Count__c FROM Box__c];\n"
                        + "System.assertEquals('S1/B1', b.Where__c);\n"
                        + "System.assertEquals(1, b.Shelf__r.Box_Count__c);\n");

        assertTrue(result.compiled() && result.success(), result.toString());
    }

    @Test
    void calculatedFieldsAreReadOnlyAndDescribedAsCalculated() {
        var f = org.schema().get("Shelf__c").field("Title__c");
        assertTrue(f.calculated());
        assertFalse(f.createable() || f.updateable());
        assertEquals("Name & ' (' & TEXT(Capacity__c) & ')'", f.calculation().formula());
        assertTrue(org.schema().get("Shelf__c").field("Box_Count__c").calculated());
    }

    @Test
    void aFormulaReadingAnUnknownFieldOrFunctionFailsTheDeployWithTheEditorsMessage() {
        DeployOutcome out = deploy(new DeployEngineTest.Zip()
                .add(
                        "CustomField",
                        "Shelf__c.Bad__c",
                        "objects/Shelf__c.object",
                        object("Shelf", formula("Bad__c", "Number", "Capacity__c + Nope__c", "")))
                .add(
                        "CustomField",
                        "Box__c.Worse__c",
                        "objects/Box__c.object",
                        object("Box", formula("Worse__c", "Text", "FROB(Name)", ""))));

        assertFalse(out.success());
        assertEquals(
                List.of("Field Nope__c does not exist. Check spelling.", "Unknown function FROB. Check spelling."),
                out.failures().stream().map(ComponentResult::problem).sorted().toList());
        assertNull(org.schema().get("Shelf__c").field("Bad__c"));
    }

    @Test
    void aFormulaValidOnSalesforceThatTheLocalOrgCannotComputeDeploysAndReadsBlank() {
        String fields = formula("Mine__c", "Checkbox", "OwnerId = $User.Id", "")
                + formula("Code__c", "Text", "IF(REGEX(Name, '[A-Z][0-9]'), 'coded', 'free')", "");
        DeployOutcome out = deploy(new DeployEngineTest.Zip()
                .add("CustomField", "Shelf__c.Mine__c", "objects/Shelf__c.object", object("Shelf", fields))
                .add("CustomField", "Shelf__c.Code__c", "objects/Shelf__c.object", object("Shelf", fields)));

        assertTrue(out.success(), () -> out.failures().toString());
        Record s = org.db().retrieve(shelf);
        assertNull(s.get("Code__c"));
        assertEquals(false, s.get("Mine__c"), "a checkbox is never null");
    }

    @Test
    void aRollUpNeedsAMasterDetailChildOfItsObject() {
        DeployOutcome out = deploy(new DeployEngineTest.Zip()
                .add(
                        "CustomField",
                        "Box__c.Sum__c",
                        "objects/Box__c.object",
                        object("Box", rollup("Sum__c", "sum", "Box__c.Weight__c", ""))));

        assertFalse(out.success());
        assertTrue(
                out.failures().get(0).problem().contains("is not a master-detail relationship to Box__c"),
                out.failures().toString());
    }
}
