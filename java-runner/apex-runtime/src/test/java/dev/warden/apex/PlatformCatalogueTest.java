package dev.warden.apex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.apex.lower.UnsupportedFeature;
import org.junit.jupiter.api.Test;

/**
 * Platform types the runtime knows by name only: code naming them compiles (a deploy compiles every class), the rest
 * of the class runs, and reaching what the runtime cannot do fails with its name and line, never a made-up value.
 */
class PlatformCatalogueTest {
    private static final String CONTROLLER = """
            public class PageController {
                public Contact record { get; set; }
                public PageController() { record = new Contact(LastName = 'x'); }
                public PageReference refresh() {
                    Id contactId = ApexPages.currentPage().getParameters().get('Id');
                    return null;
                }
                public String severity() { return String.valueOf(ApexPages.Severity.ERROR); }
            }
            """;

    private static final String EMAIL = """
            public class Inbox implements Messaging.InboundEmailHandler {
                public Messaging.InboundEmailResult handleInboundEmail(
                        Messaging.InboundEmail email, Messaging.InboundEnvelope env) {
                    Messaging.InboundEmailResult r = new Messaging.InboundEmailResult();
                    return r;
                }
            }
            """;

    private static final String PICKLIST = """
            public class Choices extends VisualEditor.DynamicPickList {
                public override VisualEditor.DataRow getDefaultValue() { return null; }
                public Integer size() { return 3; }
            }
            """;

    @Test
    void classesNamingCataloguedTypesCompileAndRunWhatDoesNotTouchThem() {
        Anon.Outcome o = Anon.run("""
                System.debug(new PageController().record.LastName);
                System.debug(new Inbox() instanceof Messaging.InboundEmailHandler);
                System.debug(new Choices().size());
                EventBus.ChangeEventHeader header = null;
                AccountChangeEvent event = new AccountChangeEvent(Name = 'changed');
                System.debug(event.Name + ' ' + event.ChangeEventHeader);
                System.debug(Boolean.valueOf('TRUE') + ' ' + Boolean.valueOf('yes'));
                """, CONTROLLER, EMAIL, PICKLIST);
        assertEquals(java.util.Map.of(), o.problems());
        assertNull(o.error(), () -> o.error() + "\n" + o.stack());
        assertEquals("x\ntrue\n3\nchanged null\ntrue false", o.out());
    }

    @Test
    void reachingACataloguedStaticFailsLoudlyWithItsNameAndLine() {
        UnsupportedFeature e =
                assertThrows(UnsupportedFeature.class, () -> Anon.run("new PageController().refresh();", CONTROLLER));
        assertEquals("ApexPages.currentPage", e.feature());
        assertEquals(5, e.pos().line());
        assertTrue(e.getMessage().startsWith("not supported by the local org's Apex runtime: ApexPages.currentPage"));
    }

    @Test
    void constructingACataloguedTypeFailsLoudlyWhenReached() {
        UnsupportedFeature e = assertThrows(UnsupportedFeature.class, () -> Anon.run("""
                Integer n = 1;
                Cache.OrgPartition p = Cache.Org.getPartition('local.Default');
                """));
        assertEquals("Cache.Org.getPartition", e.feature());
        UnsupportedFeature page =
                assertThrows(UnsupportedFeature.class, () -> Anon.run("PageReference p = Page.myVisualforcePage;"));
        assertEquals("Page.myVisualforcePage", page.feature());
        UnsupportedFeature n = assertThrows(
                UnsupportedFeature.class, () -> Anon.run("PageReference p = new PageReference('/apex/x');"));
        assertEquals("new PageReference", n.feature());
    }

    @Test
    void moreCataloguedNamesCompile() {
        Anon.Outcome o = Anon.run("""
                try {
                    throw new AuraHandledException('shown to the component');
                } catch (AuraHandledException e) {
                    System.debug(e.getMessage());
                }
                System.debug(new Nightly() instanceof Schedulable);
                """, """
                public class Nightly implements Schedulable {
                    public void execute(SchedulableContext context) {
                        DataWeave.Script script = new DataWeaveScriptResource.helloWorld();
                    }
                }
                """);
        assertEquals(java.util.Map.of(), o.problems());
        assertEquals("shown to the component\ntrue", o.out());
        UnsupportedFeature e = assertThrows(
                UnsupportedFeature.class,
                () -> Anon.run("DataWeave.Script s = new DataWeaveScriptResource.helloWorld();"));
        assertTrue(e.feature().equalsIgnoreCase("new DataWeaveScriptResource.helloWorld"), e.feature());
    }

    @Test
    void aBindInLimitCompilesAndFailsWhenTheQueryRuns() {
        Anon.Outcome compiled = Anon.run(
                "System.debug('before');",
                "public class Q { public static List<Account> few(Integer n) { return [SELECT Id FROM Account LIMIT :n]; } }");
        assertEquals(java.util.Map.of(), compiled.problems());
        UnsupportedFeature e = assertThrows(
                UnsupportedFeature.class,
                () -> Anon.run(
                        "Q.few(2);",
                        "public class Q { public static List<Account> few(Integer n) { return [SELECT Id FROM Account LIMIT :n]; } }"));
        assertTrue(e.feature().contains("A bind in LIMIT or OFFSET"), e.feature());
    }

    @Test
    void anUnknownNameIsStillAnInvalidType() {
        Anon.Outcome o = Anon.run("PageReferenze p = null;");
        assertTrue(
                o.problems().toString().contains("Invalid type: PageReferenze"),
                o.problems().toString());
    }
}
