package dev.warden.runner.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.localorg.LocalOrg;
import dev.warden.localorg.LocalOrgOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in process on an org the caller holds: that org, never a second embedded one. */
class InProcessWardenIT {
    static final Path ROOT =
            Path.of(System.getProperty("warden.root", "../..")).toAbsolutePath().normalize();

    @TempDir
    static Path tmp;

    static LocalOrg org;

    @BeforeAll
    static void start() {
        org = LocalOrg.start(LocalOrgOptions.defaults());
    }

    @AfterAll
    static void stop() {
        org.close();
    }

    @Test
    void aCommandRunsOnTheHeldOrgByUrlAndToken() throws Exception {
        try (InProcessWarden w = InProcessWarden.onSession(
                        org.instanceUrl(), org.adminAccessToken(), Files.createDirectories(tmp.resolve("sf")))
                .projectDir(Files.createDirectories(tmp.resolve("project")))
                .wardenHome(Files.createDirectories(tmp.resolve("home")))) {
            assertTrue(w.target().startsWith("held-"), w.target());
            InProcessWarden.Result plan = w.run("plan", "--json");
            assertEquals(
                    org.orgId(),
                    (plan.json().has("result")
                                    ? plan.json().path("result")
                                    : plan.json().path("data"))
                            .path("org")
                            .path("orgId")
                            .asText(),
                    plan.out() + plan.err());
            assertEquals(
                    org.instanceUrl(),
                    (plan.json().has("result")
                                    ? plan.json().path("result")
                                    : plan.json().path("data"))
                            .path("org")
                            .path("instanceUrl")
                            .asText());
            assertFalse(plan.err().contains("starting the embedded local org"), plan.err());
            assertFalse(
                    plan.out().contains(org.adminAccessToken()) || plan.err().contains(org.adminAccessToken()),
                    "no token in output");
        }
    }

    @Test
    void aCommandThatNeedsSfLogsItInToTheHeldOrgInAPrivateHome() throws Exception {
        assumeTrue(
                Files.exists(ROOT.resolve(".tools/node_modules/@salesforce/cli")),
                "pinned sf CLI not installed (scripts/setup)");
        Path project = Files.createDirectories(tmp.resolve("hello-project"));
        Files.writeString(
                project.resolve("sfdx-project.json"),
                "{\"packageDirectories\":[{\"path\":\"force-app\",\"default\":true}],\"sourceApiVersion\":\"62.0\"}");
        Path cls = Files.createDirectories(project.resolve("force-app/main/default/classes"));
        Files.writeString(
                cls.resolve("Hello.cls"), "public class Hello {\n    public static String hi() { return 'hi'; }\n}\n");
        Files.writeString(
                cls.resolve("Hello.cls-meta.xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ApexClass xmlns=\"http://soap.sforce.com/2006/04/metadata\">"
                        + "<apiVersion>62.0</apiVersion><status>Active</status></ApexClass>\n");
        Path sfHome = Files.createDirectories(tmp.resolve("sf2"));
        try (InProcessWarden w = InProcessWarden.onSession(org.instanceUrl(), org.adminAccessToken(), sfHome)
                .projectDir(project)
                .sf(ROOT.resolve("scripts/lib/sf").toString())) {
            InProcessWarden.Result deploy = w.run("deploy", "--json");
            assertEquals(0, deploy.exit(), deploy.out() + deploy.err());
            assertEquals(
                    1,
                    deploy.json()
                            .path("result")
                            .path("deploy")
                            .path("componentsDeployed")
                            .asInt(),
                    deploy.out());
        }
        var res = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(
                                                org.instanceUrl()
                                                        + "/services/data/v62.0/tooling/query?q=SELECT+Name+FROM+ApexClass+WHERE+Name+=+'Hello'"))
                                .header("Authorization", "Bearer " + org.adminAccessToken())
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(res.body().contains("\"totalSize\":1"), "deployed to the held org: " + res.body());
    }

    @Test
    void anUnknownAliasIsExit2NamingIt() throws Exception {
        assumeTrue(
                Files.exists(ROOT.resolve(".tools/node_modules/@salesforce/cli")),
                "pinned sf CLI not installed (scripts/setup)");
        System.setProperty(
                "warden.sf.home", Files.createDirectories(tmp.resolve("sf3")).toString());
        try (InProcessWarden w = InProcessWarden.onAlias("no-such-alias")
                .sf(ROOT.resolve("scripts/lib/sf").toString())) {
            InProcessWarden.Result r = w.run("plan");
            assertEquals(2, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("unknown org 'no-such-alias'"), r.err());
        } finally {
            System.clearProperty("warden.sf.home");
        }
    }
}
