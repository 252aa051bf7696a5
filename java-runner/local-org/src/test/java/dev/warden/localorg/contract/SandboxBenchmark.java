package dev.warden.localorg.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.Json;
import dev.warden.localorg.server.LocalOrgServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: {@code scripts/bench/sandbox [runs]}. In one run, with the real sf CLI against a local production org
 * holding the Warden package (force-app deployed by sf), times {@code sf org create sandbox} (which copies that
 * metadata into the new org) and {@code sf org delete sandbox} against their baseline on the same org, {@code sf org
 * create scratch --edition developer} and {@code sf org delete scratch} (a new org without a copy). Prints medians,
 * ratios to the baseline, and production requests per command (1 sf invocation each).
 */
public final class SandboxBenchmark {
    private SandboxBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Long> scratchCreate = new ArrayList<>();
        List<Long> scratchDelete = new ArrayList<>();
        List<Long> sandboxCreate = new ArrayList<>();
        List<Long> sandboxDelete = new ArrayList<>();
        int[] requests = new int[4];
        try (LocalOrgServer prod =
                LocalOrgServer.start(LocalOrgOptions.defaults().asProduction())) {
            SfCli sf = new SfCli();
            sf.loginAsAdmin(prod, "prod");
            sf.copyIntoProject(SfCli.repoRoot().resolve("force-app"), "force-app");
            sf.write("sfdx-project.json", SfCli.FORCE_APP_PROJECT);
            check(sf.run(
                    "project", "deploy", "start", "--source-dir", "force-app", "-o", "prod", "--wait", "10", "--json"));
            for (int i = 0; i < runs; i++) {
                int before = requests(prod);
                long t = System.nanoTime();
                check(sf.run(
                        "org",
                        "create",
                        "scratch",
                        "--edition",
                        "developer",
                        "-v",
                        "prod",
                        "-a",
                        "scr" + i,
                        "--wait",
                        "5",
                        "--json"));
                scratchCreate.add(ms(t));
                requests[0] = requests(prod) - before;
                before = requests(prod);
                t = System.nanoTime();
                check(sf.run("org", "delete", "scratch", "-o", "scr" + i, "--no-prompt", "--json"));
                scratchDelete.add(ms(t));
                requests[1] = requests(prod) - before;

                before = requests(prod);
                t = System.nanoTime();
                check(sf.run(
                        "org",
                        "create",
                        "sandbox",
                        "--name",
                        "sb" + i,
                        "-o",
                        "prod",
                        "--wait",
                        "2",
                        "--alias",
                        "sb" + i,
                        "--no-prompt",
                        "--json"));
                sandboxCreate.add(ms(t));
                requests[2] = requests(prod) - before;
                before = requests(prod);
                t = System.nanoTime();
                check(sf.run("org", "delete", "sandbox", "-o", "sb" + i, "--no-prompt", "--json"));
                sandboxDelete.add(ms(t));
                requests[3] = requests(prod) - before;
            }
        }
        long createBase = median(scratchCreate);
        long deleteBase = median(scratchDelete);
        row("baseline sf org create scratch --edition developer", scratchCreate, createBase, requests[0]);
        row("sf org create sandbox (copies force-app's metadata)", sandboxCreate, createBase, requests[2]);
        row("baseline sf org delete scratch", scratchDelete, deleteBase, requests[1]);
        row("sf org delete sandbox", sandboxDelete, deleteBase, requests[3]);
        System.out.println("runs: " + runs + " (1 sf invocation per command)");
    }

    private static void row(String what, List<Long> samples, long base, int requests) {
        long m = median(samples);
        System.out.printf(
                Locale.ROOT,
                "%s: median %d ms (%s), %.2fx baseline, %d production requests%n",
                what,
                m,
                samples,
                (double) m / base,
                requests);
    }

    private static void check(SfCli.Result r) {
        if (r.exit() != 0) {
            throw new IllegalStateException("sf failed (" + r.exit() + "): " + r.stdout() + r.stderr());
        }
    }

    private static int requests(LocalOrgServer org) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(org.instanceUrl() + "/_local/requests"))
                                .header("Authorization", "Bearer " + org.adminAccessToken())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode body = Json.MAPPER.readTree(r.body());
        return body.get("requests").size();
    }

    private static long median(List<Long> samples) {
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long ms(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
