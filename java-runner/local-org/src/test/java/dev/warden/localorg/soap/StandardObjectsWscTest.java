package dev.warden.localorg.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectorConfig;
import com.sforce.ws.bind.XmlObject;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Standard CRM objects through a real WSC PartnerConnection: create, and a child subquery. */
class StandardObjectsWscTest {
    static LocalOrgServer server;
    static PartnerConnection partner;

    @BeforeAll
    static void start() throws Exception {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        ConnectorConfig cfg = new ConnectorConfig();
        cfg.setServiceEndpoint(server.instanceUrl() + "/services/Soap/u/65.0");
        cfg.setSessionId(server.adminAccessToken());
        partner = new PartnerConnection(cfg);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void describeSObjectListsChildRelationshipsAndStandardPicklists() throws Exception {
        com.sforce.soap.partner.DescribeSObjectResult d = partner.describeSObject("Account");
        assertTrue(java.util.Arrays.stream(d.getChildRelationships())
                .anyMatch(c -> c.getRelationshipName().equals("Contacts")
                        && c.getField().equals("AccountId")));
        com.sforce.soap.partner.Field industry = java.util.Arrays.stream(d.getFields())
                .filter(f -> f.getName().equals("Industry"))
                .findFirst()
                .orElseThrow();
        assertTrue(java.util.Arrays.stream(industry.getPicklistValues())
                .anyMatch(p -> p.getValue().equals("Banking")));
        assertTrue(!industry.isRestrictedPicklist());
        com.sforce.soap.partner.Field name = java.util.Arrays.stream(
                        partner.describeSObject("Contact").getFields())
                .filter(f -> f.getName().equals("Name"))
                .findFirst()
                .orElseThrow();
        assertTrue(name.isNameField() && !name.isAutoNumber());
    }

    @Test
    void accountsReturnTheirContactsInASubquery() throws Exception {
        SObject account = new SObject("Account");
        account.setField("Name", "Soap Parent");
        SaveResult[] a = partner.create(new SObject[] {account});
        assertTrue(a[0].isSuccess());
        SObject contact = new SObject("Contact");
        contact.setField("FirstName", "Grace");
        contact.setField("LastName", "Hopper");
        contact.setField("AccountId", a[0].getId());
        assertTrue(partner.create(new SObject[] {contact})[0].isSuccess());
        QueryResult r;
        try {
            r = partner.query("SELECT Id, Name, (SELECT Name, LastName FROM Contacts) FROM Account WHERE Id = '"
                    + a[0].getId() + "'");
        } catch (com.sforce.soap.partner.fault.UnexpectedErrorFault f) {
            throw new AssertionError(f.getExceptionCode() + ": " + f.getExceptionMessage(), f);
        }
        assertEquals(1, r.getSize());
        XmlObject contacts = r.getRecords()[0].getChild("Contacts");
        XmlObject first = contacts.getChild("records");
        assertEquals("Grace Hopper", first.getField("Name"));
    }
}
