package dev.warden.localorg.contract;

import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import java.util.ArrayList;
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
            BenchSamples.check(sf.run(
                    "project", "deploy", "start", "--source-dir", "force-app", "-o", "prod", "--wait", "10", "--json"));
            for (int i = 0; i < runs; i++) {
                int before = OrgRequests.count(prod);
                long t = System.nanoTime();
                BenchSamples.check(sf.run(
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
                scratchCreate.add(BenchSamples.ms(t));
                requests[0] = OrgRequests.count(prod) - before;
                before = OrgRequests.count(prod);
                t = System.nanoTime();
                BenchSamples.check(sf.run("org", "delete", "scratch", "-o", "scr" + i, "--no-prompt", "--json"));
                scratchDelete.add(BenchSamples.ms(t));
                requests[1] = OrgRequests.count(prod) - before;

                before = OrgRequests.count(prod);
                t = System.nanoTime();
                BenchSamples.check(sf.run(
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
                sandboxCreate.add(BenchSamples.ms(t));
                requests[2] = OrgRequests.count(prod) - before;
                before = OrgRequests.count(prod);
                t = System.nanoTime();
                BenchSamples.check(sf.run("org", "delete", "sandbox", "-o", "sb" + i, "--no-prompt", "--json"));
                sandboxDelete.add(BenchSamples.ms(t));
                requests[3] = OrgRequests.count(prod) - before;
            }
        }
        long createBase = BenchSamples.median(scratchCreate);
        long deleteBase = BenchSamples.median(scratchDelete);
        row("baseline sf org create scratch --edition developer", scratchCreate, createBase, requests[0]);
        row("sf org create sandbox (copies force-app's metadata)", sandboxCreate, createBase, requests[2]);
        row("baseline sf org delete scratch", scratchDelete, deleteBase, requests[1]);
        row("sf org delete sandbox", sandboxDelete, deleteBase, requests[3]);
        System.out.println("runs: " + runs + " (1 sf invocation per command)");
    }

    private static void row(String what, List<Long> samples, long base, int requests) {
        long m = BenchSamples.median(samples);
        System.out.printf(
                Locale.ROOT,
                "%s: median %d ms (%s), %.2fx baseline, %d production requests%n",
                what,
                m,
                samples,
                (double) m / base,
                requests);
    }
}
