package dev.warden.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The real sf CLI converts force-app, and the package.xml it writes lists exactly the components Warden must ship
 * (committed in expected-components.txt). sf silently skips a file whose suffix it does not know, so a misspelled
 * suffix shows up here as a missing component, and any file sf would skip is named.
 */
class SfConvertManifestTest {
    private static final String REGISTRY =
            ".tools/node_modules/@salesforce/source-deploy-retrieve/lib/src/registry/metadataRegistry.json";

    @TempDir
    static Path work;

    private static Set<String> converted;
    private static long convertMillis;

    @BeforeAll
    static void convert() throws Exception {
        Path home = Files.createDirectories(work.resolve("home"));
        Path out = work.resolve("mdapi");
        ProcessBuilder sf = new ProcessBuilder(
                        RepoFiles.root().resolve("scripts/lib/sf").toString(),
                        "project",
                        "convert",
                        "source",
                        "--root-dir",
                        "force-app",
                        "--output-dir",
                        out.toString(),
                        "--json")
                .directory(RepoFiles.root().toFile())
                .redirectErrorStream(true);
        sf.environment().put("HOME", home.toString());
        sf.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        sf.environment().put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        sf.environment().put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        long start = System.nanoTime();
        Process process = sf.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("sf project convert source did not finish within 180 s");
        }
        convertMillis = (System.nanoTime() - start) / 1_000_000;
        if (process.exitValue() != 0) {
            fail("sf project convert source --root-dir force-app failed (exit " + process.exitValue() + "):\n"
                    + output);
        }
        converted = components(out.resolve("package.xml"));
        System.out.printf("[gate] sf-convert: %d components (%d ms)%n", converted.size(), convertMillis);
        countsByType(converted).forEach((type, count) -> System.out.printf("[gate]   %-40s %d%n", type, count));
    }

    @Test
    void packageXmlListsExactlyTheExpectedComponents() throws IOException {
        Map<String, String> expected = expectedComponents();
        List<String> problems = new ArrayList<>();
        expected.forEach((component, source) -> {
            if (!converted.contains(component)) {
                problems.add("missing " + component + " - sf did not pick up " + source
                        + " (is the file there, with exactly that folder and suffix?)");
            }
        });
        for (String component : converted) {
            if (!expected.containsKey(component)) {
                problems.add("unexpected " + component
                        + " - add it to java-runner/gates/package-gates/src/test/resources/expected-components.txt");
            }
        }
        assertEquals(List.of(), problems, "components of sf's package.xml vs expected-components.txt");
    }

    @Test
    void everyFileInForceAppHasASuffixSfKnows() throws IOException {
        Set<String> suffixes = knownSuffixes();
        List<String> files = RepoFiles.forceAppFiles();
        Set<String> metaFiles = new HashSet<>();
        for (String file : files) {
            if (file.endsWith("-meta.xml")) {
                metaFiles.add(file);
            }
        }
        List<String> problems = new ArrayList<>();
        for (String file : files) {
            String name = file.substring(file.lastIndexOf('/') + 1);
            if (name.startsWith(".")) {
                continue;
            }
            if (file.endsWith("-meta.xml")) {
                String stem = name.substring(0, name.length() - "-meta.xml".length());
                String suffix = stem.substring(stem.lastIndexOf('.') + 1);
                if (stem.indexOf('.') < 0 || !suffixes.contains(suffix)) {
                    problems.add(file + ": suffix '" + suffix + "' is not a metadata suffix sf knows;"
                            + " sf would silently skip this file");
                }
            } else if (!hasCompanionMetaFile(file, metaFiles)) {
                problems.add(file + ": no matching -meta.xml beside it; sf would silently skip this file");
            }
        }
        assertEquals(List.of(), problems, "files sf would not deploy");
    }

    @Test
    void componentCountsByTypeAreReported() {
        assertTrue(
                countsByType(converted).size() >= 10,
                "expected at least 10 metadata types, got " + countsByType(converted));
    }

    private static boolean hasCompanionMetaFile(String file, Set<String> metaFiles) {
        String base = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        for (String meta : metaFiles) {
            if (meta.equals(file + "-meta.xml") || meta.startsWith(base + ".")) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> knownSuffixes() throws IOException {
        Path registry = RepoFiles.root().resolve(REGISTRY);
        if (!Files.isRegularFile(registry)) {
            fail("sf's metadata registry is missing at " + registry
                    + " - run scripts/setup to install the pinned sf CLI");
        }
        JsonNode root = new ObjectMapper().readTree(registry.toFile());
        Set<String> suffixes = new TreeSet<>();
        root.get("suffixes").fieldNames().forEachRemaining(suffixes::add);
        root.get("types").forEach(type -> {
            if (type.hasNonNull("suffix")) {
                suffixes.add(type.get("suffix").asText());
            }
            JsonNode children = type.path("children").path("suffixes");
            children.fieldNames().forEachRemaining(suffixes::add);
        });
        return suffixes;
    }

    static Map<String, String> expectedComponents() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        Path file =
                RepoFiles.root().resolve("java-runner/gates/package-gates/src/test/resources/expected-components.txt");
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+<-\\s+", 2);
            expected.put(parts[0], parts.length > 1 ? parts[1] : "(no source noted)");
        }
        return expected;
    }

    private static Set<String> components(Path packageXml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element root = factory.newDocumentBuilder().parse(packageXml.toFile()).getDocumentElement();
        Set<String> components = new TreeSet<>();
        NodeList types = root.getElementsByTagNameNS(MetadataXml.NAMESPACE, "types");
        for (int i = 0; i < types.getLength(); i++) {
            Element type = (Element) types.item(i);
            String name = type.getElementsByTagNameNS(MetadataXml.NAMESPACE, "name")
                    .item(0)
                    .getTextContent()
                    .strip();
            NodeList members = type.getElementsByTagNameNS(MetadataXml.NAMESPACE, "members");
            for (int j = 0; j < members.getLength(); j++) {
                components.add(name + ":" + members.item(j).getTextContent().strip());
            }
        }
        return components;
    }

    private static Map<String, Integer> countsByType(Set<String> components) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String component : components) {
            counts.merge(component.substring(0, component.indexOf(':')), 1, Integer::sum);
        }
        return counts;
    }
}
