package dev.warden.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every {@code -meta.xml} in the repository is well-formed XML in the Metadata API namespace. */
class MetadataLintTest {
    @Test
    void everyMetaXmlFileIsWellFormedAndInTheMetadataNamespace() throws Exception {
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        List<String> candidates = new ArrayList<>(RepoFiles.gitFiles());
        for (String file : RepoFiles.forceAppFiles()) {
            if (!candidates.contains(file)) {
                candidates.add(file);
            }
        }
        for (String file : candidates) {
            if (!file.endsWith("-meta.xml")) {
                continue;
            }
            checked.add(file);
            MetadataXml.problem(Files.readAllBytes(RepoFiles.root().resolve(file)))
                    .ifPresent(problem -> problems.add(file + ": " + problem));
        }
        System.out.printf(
                "[gate] metadata-lint: %d -meta.xml files (%d ms)%n",
                checked.size(), (System.nanoTime() - start) / 1_000_000);
        assertTrue(checked.size() > 0, "no -meta.xml files found under " + RepoFiles.root());
        assertEquals(List.of(), problems, "malformed metadata files");
    }

    @Test
    void aFileInTheWrongNamespaceIsNamedWithTheNamespaceItUses() {
        Optional<String> problem = MetadataXml.problem(
                "<?xml version=\"1.0\"?><PermissionSet xmlns=\"urn:other\"/>".getBytes(StandardCharsets.UTF_8));
        assertEquals(
                Optional.of(
                        "root element <PermissionSet> is in namespace urn:other, expected " + MetadataXml.NAMESPACE),
                problem);
    }

    @Test
    void aMalformedFileIsReportedWithItsLine() {
        Optional<String> problem = MetadataXml.problem(
                "<?xml version=\"1.0\"?>\n<ApexClass xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n<status>"
                        .getBytes(StandardCharsets.UTF_8));
        assertTrue(problem.orElseThrow().startsWith("not well-formed XML at line 3"), problem.orElseThrow());
    }

    @Test
    void aFileWithoutNamespaceIsRejected() {
        assertTrue(MetadataXml.problem("<ApexClass/>".getBytes(StandardCharsets.UTF_8))
                .isPresent());
    }
}
