package com.example.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.test.Records;
import dev.warden.test.TestOrg;
import dev.warden.test.WardenTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An ordinary CRM flow: an Account with its Contacts, read back as typed rows; everything is deleted afterwards. */
@WardenTest
class AccountWithContactsTest {

    record Contact(String id, String firstName, String lastName, String email) {}

    record Contacts(List<Contact> records) {}

    record Account(String id, String name, String industry, Contacts contacts) {}

    @Test
    void anAccountWithTwoContactsReadsBackWithItsContacts(TestOrg org) throws Exception {
        var calls = org.apiCalls(() -> {
            String accountId = org.records().insert("Account", "Name", "Acme Smoke", "Industry", "Energy");
            org.records()
                    .insert(
                            "Contact",
                            Records.fields(
                                    "FirstName",
                                    "Ada",
                                    "LastName",
                                    "Lovelace",
                                    "Email",
                                    "ada@example.com",
                                    "AccountId",
                                    accountId));
            org.records()
                    .insert(
                            "Contact",
                            Records.fields(
                                    "FirstName",
                                    "Alan",
                                    "LastName",
                                    "Turing",
                                    "Email",
                                    "alan@example.com",
                                    "AccountId",
                                    accountId));
            org.records().update("Account", accountId, Records.fields("Industry", "Technology"));

            Account account = org.records()
                    .query(
                            "SELECT Id, Name, Industry, (SELECT Id, FirstName, LastName, Email FROM Contacts ORDER BY LastName)"
                                    + " FROM Account WHERE Id = '" + accountId + "'",
                            Account.class)
                    .get(0);
            assertEquals("Acme Smoke", account.name());
            assertEquals("Technology", account.industry());
            assertEquals(
                    List.of("Lovelace", "Turing"),
                    account.contacts().records().stream().map(Contact::lastName).toList());
        });
        calls.assertAtMost(5); // 3 inserts, 1 update, 1 query: no hidden round trips
    }
}
