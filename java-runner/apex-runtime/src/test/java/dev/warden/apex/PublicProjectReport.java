package dev.warden.apex;

import dev.warden.apex.exec.Program;
import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.test.TestResult;
import dev.warden.apex.test.TestRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measurement only (not part of the test suite): compiles a public SFDX project's Apex against the in-memory host
 * (standard objects of the test host plus the project's custom objects) and runs its test classes. Usage: main with
 * the project's source directory and optionally its objects directory (default: objects/ under the first). Public
 * code is never committed.
 */
public final class PublicProjectReport {
    private PublicProjectReport() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        List<ApexSource> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(
                            p -> p.toString().endsWith(".cls") || p.toString().endsWith(".trigger"))
                    .sorted()
                    .toList()) {
                String n = f.getFileName().toString();
                sources.add(new ApexSource(
                        n.substring(0, n.lastIndexOf('.')), Files.readString(f), n.endsWith(".trigger")));
            }
        }
        InMemoryHost host = new InMemoryHost(args.length > 1 ? Path.of(args[1]) : root.resolve("objects"));
        Program p = Program.compile(sources, host);
        System.out.println("files " + sources.size() + ", with compile problems "
                + p.problems().size());
        for (Map.Entry<String, List<String>> e : p.problems().entrySet()) {
            System.out.println("  " + e.getKey() + ": " + e.getValue().get(0));
        }
        TestRunner runner = new TestRunner(p, host);
        int passed = 0;
        int total = 0;
        for (ApexSource s : sources) {
            ClassInfo c = p.classNamed(s.name());
            if (c == null || !c.isTest()) {
                continue;
            }
            List<TestResult> rs = runner.run(s.name(), null);
            long ok = rs.stream().filter(TestResult::passed).count();
            passed += ok;
            total += rs.size();
            String first = rs.stream()
                    .filter(r -> !r.passed())
                    .findFirst()
                    .map(r -> r.methodName() + ": " + r.message() + " @ " + r.stackTrace())
                    .orElse("-");
            System.out.println(s.name() + " " + ok + "/" + rs.size() + " " + first.replace('\n', ' '));
        }
        System.out.println("tests passed " + passed + "/" + total);
    }
}
