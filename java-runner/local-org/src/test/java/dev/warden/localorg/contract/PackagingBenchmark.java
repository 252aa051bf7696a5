package dev.warden.localorg.contract;

import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: {@code scripts/bench/packaging [runs]}. In one run, with the real sf CLI against local orgs, times
 * {@code sf package version create --code-coverage} of the Warden package (force-app) on the local Dev Hub against
 * its baseline, the same work done as a plain {@code sf project deploy start --test-level RunLocalTests} of force-app
 * into a fresh local org; plus {@code --skip-validation} and {@code sf package list} (sf start-up and one request).
 * Prints medians, ratios to the baseline, and hub requests per command.
 */
public final class PackagingBenchmark {
    private PackagingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Long> deploy = new ArrayList<>();
        List<Long> coverage = new ArrayList<>();
        List<Long> skip = new ArrayList<>();
        List<Long> list = new ArrayList<>();
        int coverageRequests = 0;
        int skipRequests = 0;
        int deployRequests = 0;
        try (LocalOrgServer hub = LocalOrgServer.start(LocalOrgOptions.defaults())) {
            SfCli sf = new SfCli();
            login(sf, hub, "hub");
            // Every local org started on its own has the admin admin@warden.local, and sf keys auth by username: the
            // baseline's orgs get an sf HOME of their own.
            SfCli deployer = new SfCli();
            project(sf);
            project(deployer);
            BenchSamples.check(sf.run(
                    "package",
                    "create",
                    "--name",
                    "Warden",
                    "--package-type",
                    "Unlocked",
                    "--path",
                    "force-app",
                    "--target-dev-hub",
                    "hub",
                    "--json"));
            for (int i = 0; i < runs; i++) {
                try (LocalOrgServer target = LocalOrgServer.start(LocalOrgOptions.defaults())) {
                    login(deployer, target, "target" + i);
                    int before = OrgRequests.count(target);
                    long t = System.nanoTime();
                    BenchSamples.check(deployer.run(
                            "project",
                            "deploy",
                            "start",
                            "--source-dir",
                            "force-app",
                            "--target-org",
                            "target" + i,
                            "--test-level",
                            "RunLocalTests",
                            "--wait",
                            "10",
                            "--json"));
                    deploy.add(BenchSamples.ms(t));
                    deployRequests = OrgRequests.count(target) - before;
                }
                int before = OrgRequests.count(hub);
                long t = System.nanoTime();
                BenchSamples.check(sf.run(
                        "package",
                        "version",
                        "create",
                        "--package",
                        "Warden",
                        "--code-coverage",
                        "--installation-key-bypass",
                        "--target-dev-hub",
                        "hub",
                        "--wait",
                        "10",
                        "--json"));
                coverage.add(BenchSamples.ms(t));
                coverageRequests = OrgRequests.count(hub) - before;
                before = OrgRequests.count(hub);
                t = System.nanoTime();
                BenchSamples.check(sf.run(
                        "package",
                        "version",
                        "create",
                        "--package",
                        "Warden",
                        "--skip-validation",
                        "--installation-key-bypass",
                        "--target-dev-hub",
                        "hub",
                        "--wait",
                        "10",
                        "--json"));
                skip.add(BenchSamples.ms(t));
                skipRequests = OrgRequests.count(hub) - before;
                t = System.nanoTime();
                BenchSamples.check(sf.run("package", "list", "--target-dev-hub", "hub", "--json"));
                list.add(BenchSamples.ms(t));
            }
        }
        long base = BenchSamples.median(deploy);
        System.out.printf(
                Locale.ROOT,
                "baseline: sf project deploy start --test-level RunLocalTests (force-app, fresh org): median %d ms,"
                        + " %d requests%n",
                base,
                deployRequests);
        row("sf package version create --code-coverage", coverage, base, coverageRequests);
        row("sf package version create --skip-validation", skip, base, skipRequests);
        row("sf package list (sf start-up + 1 request)", list, base, 1);
        System.out.println("runs: " + runs + " (1 sf invocation per command)");
    }

    private static void row(String what, List<Long> samples, long base, int requests) {
        long m = BenchSamples.median(samples);
        System.out.printf(
                Locale.ROOT,
                "%s: median %d ms (%s), %.2fx baseline, %d hub requests%n",
                what,
                m,
                samples,
                (double) m / base,
                requests);
    }

    private static void login(SfCli sf, LocalOrgServer org, String alias) {
        sf.loginAsAdmin(org, alias);
    }

    private static void project(SfCli sf) throws IOException {
        sf.copyIntoProject(SfCli.repoRoot().resolve("force-app"), "force-app");
        sf.write("sfdx-project.json", SfCli.FORCE_APP_PROJECT);
    }
}
