package dev.warden.test;

import dev.warden.runner.salesforce.SalesforceException;
import dev.warden.runner.salesforce.rest.RestClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a test (or a class, for what its {@code @BeforeAll} made) created, deleted after it by the admin, newest
 * first, also when the test failed (CumulusCI's session records). Users cannot be deleted in Salesforce: they are
 * deactivated. Files are tracked as their ContentDocument (deleting it removes every version).
 */
public final class Cleanup {
    record Made(String type, String id) {}

    private final List<Made> made = new ArrayList<>();
    private final List<String> queries = new ArrayList<>();

    /** Deletes this record after the test. */
    public synchronized void add(String type, String id) {
        made.add(new Made(type, id));
    }

    /** Deletes, after the test, every row this SOQL ({@code SELECT Id FROM …}) finds then: rows triggers or Apex made. */
    public synchronized void addQuery(String soql) {
        queries.add(soql);
    }

    synchronized void forget(String id) {
        made.removeIf(m -> m.id().equals(id));
    }

    synchronized boolean isEmpty() {
        return made.isEmpty() && queries.isEmpty();
    }

    /** Deletes everything; returns what could not be deleted, one line each (empty when all went). */
    synchronized List<String> run(RestClient admin) {
        List<String> left = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (String soql : queries) {
            try {
                List<Made> rows = new ArrayList<>();
                String type = soql.replaceFirst("(?is).*\\bFROM\\s+(\\w+).*", "$1");
                admin.query(soql)
                        .forEach(r -> rows.add(new Made(type, r.path("Id").asText())));
                for (Made m : rows) {
                    delete(admin, m, left, done);
                }
            } catch (SalesforceException e) {
                left.add(soql + ": " + e.getMessage());
            }
        }
        for (int i = made.size() - 1; i >= 0; i--) {
            delete(admin, made.get(i), left, done);
        }
        made.clear();
        queries.clear();
        return left;
    }

    private static void delete(RestClient admin, Made m, List<String> left, Set<String> done) {
        if (!done.add(m.id())) {
            return;
        }
        try {
            if ("User".equalsIgnoreCase(m.type())) {
                admin.patch(
                        RestClient.data("/sobjects/User/" + m.id()),
                        Map.of("IsActive", false),
                        "rest.test.cleanup",
                        "deactivate user " + m.id());
            } else {
                admin.delete(
                        RestClient.data("/sobjects/" + m.type() + "/" + m.id()),
                        "rest.test.cleanup",
                        "delete " + m.type() + " " + m.id());
            }
        } catch (SalesforceException e) {
            if (!"NOT_FOUND".equals(e.errorCode()) && !"ENTITY_IS_DELETED".equals(e.errorCode())) {
                left.add(m.type() + " " + m.id() + ": " + e.getMessage());
            }
        }
    }
}
