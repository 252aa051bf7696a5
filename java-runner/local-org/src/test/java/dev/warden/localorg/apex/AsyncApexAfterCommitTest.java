package dev.warden.localorg.apex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.metadata.DeployEngine;
import dev.warden.localorg.metadata.DeployOutcome;
import dev.warden.localorg.metadata.MdapiPackage;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Async Apex outside tests: what a transaction queues (System.enqueueJob, @future) runs after it commits, in a
 * transaction of its own with async limits, and never when it rolls back; from anonymous Apex, Apex REST and
 * triggers fired by REST writes.
 */
class AsyncApexAfterCommitTest {
    static final String PROBE = String.join(
            "\n",
            "public class AsyncProbe implements Queueable {",
            "    public static Integer touched = 0;",
            "    String label;",
            "    public AsyncProbe(String label) { this.label = label; }",
            "    public void execute(QueueableContext ctx) {",
            "        insert new Account(Name = label + ' queued ' + Limits.getLimitQueries() + ' statics ' + touched);",
            "        if (label == 'chain') {",
            "            System.enqueueJob(new AsyncProbe('chained'));",
            "        }",
            "    }",
            "    @future",
            "    public static void later(String name) {",
            "        insert new Account(Name = name + ' future');",
            "    }",
            "}");
    static final String RESOURCE = String.join(
            "\n",
            "@RestResource(urlMapping='/async/*')",
            "global class AsyncResource {",
            "    @HttpPost",
            "    global static String go(String label) {",
            "        System.enqueueJob(new AsyncProbe(label));",
            "        return 'queued';",
            "    }",
            "}");
    static final String TRIGGER = String.join(
            "\n",
            "trigger ContactQueues on Contact (after insert) {",
            "    AsyncProbe.later('trigger ' + Trigger.new[0].LastName);",
            "}");

    static LocalOrgServer server;
    static OrgClient api;

    @BeforeAll
    static void start() {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        api = new OrgClient(server.instanceUrl(), server.adminAccessToken());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(
                "package.xml",
                MdapiPackage.packageXml(
                                Map.of(
                                        "ApexClass",
                                        List.of("AsyncProbe", "AsyncResource"),
                                        "ApexTrigger",
                                        List.of("ContactQueues")),
                                "62.0")
                        .getBytes(StandardCharsets.UTF_8));
        String meta = "<apiVersion>62.0</apiVersion><status>Active</status>";
        files.put("classes/AsyncProbe.cls", PROBE.getBytes(StandardCharsets.UTF_8));
        files.put(
                "classes/AsyncProbe.cls-meta.xml",
                ("<ApexClass xmlns=\"http://soap.sforce.com/2006/04/metadata\">" + meta + "</ApexClass>")
                        .getBytes(StandardCharsets.UTF_8));
        files.put("classes/AsyncResource.cls", RESOURCE.getBytes(StandardCharsets.UTF_8));
        files.put(
                "classes/AsyncResource.cls-meta.xml",
                ("<ApexClass xmlns=\"http://soap.sforce.com/2006/04/metadata\">" + meta + "</ApexClass>")
                        .getBytes(StandardCharsets.UTF_8));
        files.put("triggers/ContactQueues.trigger", TRIGGER.getBytes(StandardCharsets.UTF_8));
        files.put(
                "triggers/ContactQueues.trigger-meta.xml",
                ("<ApexTrigger xmlns=\"http://soap.sforce.com/2006/04/metadata\">" + meta + "</ApexTrigger>")
                        .getBytes(StandardCharsets.UTF_8));
        DeployOutcome outcome = DeployEngine.deploy(
                server.org(), server.org().adminUserId(), MdapiPackage.zip(files), DeployEngine.Options.defaults());
        assertTrue(outcome.success(), "deploy failed: " + outcome.failures());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<Record> accounts(String name) throws InterruptedException {
        assertTrue(OrgApex.of(server.org()).awaitAsyncIdle(20_000), "async Apex did not finish");
        return server.org().db().findBy("Account", "Name", name);
    }

    @Test
    void anonymousApexQueuesRunAfterTheCommitWithAsyncLimitsAndFreshStatics() throws InterruptedException {
        AnonymousApex.Result r = AnonymousApex.execute(
                server.org(),
                server.org().adminUserId(),
                String.join(
                        "\n",
                        "AsyncProbe.touched = 7;",
                        "System.enqueueJob(new AsyncProbe('anon'));",
                        "AsyncProbe.later('anon');",
                        "System.assertEquals(0, [SELECT COUNT() FROM Account WHERE Name LIKE 'anon%']);"));
        assertTrue(r.success(), r.exceptionMessage());
        assertEquals(1, accounts("anon queued 200 statics 0").size(), "queueable: own transaction, 200 SOQL");
        assertEquals(1, accounts("anon future").size());
        assertTrue(
                OrgApex.of(server.org()).asyncFailures().isEmpty(),
                OrgApex.of(server.org()).asyncFailures().toString());
    }

    @Test
    void aRolledBackTransactionsQueuedWorkNeverRuns() throws InterruptedException {
        AnonymousApex.Result r = AnonymousApex.execute(
                server.org(),
                server.org().adminUserId(),
                String.join(
                        "\n",
                        "System.enqueueJob(new AsyncProbe('doomed'));",
                        "AsyncProbe.later('doomed');",
                        "Integer boom = 1 / 0;"));
        assertEquals(false, r.success());
        assertEquals(0, accounts("doomed queued 200 statics 0").size());
        assertEquals(0, accounts("doomed future").size());
    }

    @Test
    void aQueueableChainsItsNextJobAfterItsOwnCommit() throws InterruptedException {
        OrgClient.Answer a = api.post("/services/apexrest/async/go", Map.of("label", "chain"));
        assertEquals(200, a.status(), a.body());
        assertEquals(1, accounts("chain queued 200 statics 0").size());
        assertEquals(1, accounts("chained queued 200 statics 0").size());
    }

    @Test
    void aFutureCallFromATriggerFiredByARestWriteRunsAfterTheCallCommits() throws InterruptedException {
        OrgClient.Answer a = api.post("/services/data/v67.0/sobjects/Contact", Map.of("LastName", "Lovelace"));
        assertEquals(201, a.status(), a.body());
        assertEquals(1, accounts("trigger Lovelace future").size());
    }
}
