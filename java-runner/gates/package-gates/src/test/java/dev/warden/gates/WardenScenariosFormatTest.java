package dev.warden.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WardenScenarios static resource follows docs/scenario-fixtures.md (format version 1), so the Apex replay test
 * and the local org's Java replay read the same, well-formed file. Apex cannot run here; this is the offline half.
 */
class WardenScenariosFormatTest {
    private static final Path RESOURCE = Path.of("force-app/main/default/staticresources/WardenScenarios.json");
    private static final Set<String> PLACEHOLDERS =
            Set.of("title", "detector", "reason", "itemId", "count", "verdict", "requestId", "targetId", "status");
    private static final Set<String> TYPES = Set.of("ContentVersion", "FeedItem", "FeedComment", "Attachment");
    private static final Set<String> ORIGINALS = Set.of("unchanged", "tombstone", "restored");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)\\}");
    private static final Pattern LOWER_CAMEL = Pattern.compile("[a-z][A-Za-z0-9]*");

    private static JsonNode root;

    @BeforeAll
    static void read() throws Exception {
        root = new ObjectMapper().readTree(RepoFiles.root().resolve(RESOURCE).toFile());
    }

    @Test
    void textsUseOnlyTheDocumentedPlaceholders() {
        List<String> found = new ArrayList<>();
        checkTexts(root.path("texts"), "texts", found);
        assertEquals(List.of(), found, RESOURCE + ": texts");
    }

    @Test
    void everyScenarioIsWellFormed() {
        List<String> found = new ArrayList<>();
        assertEquals(1, root.path("version").asInt(), RESOURCE + ": version");
        Set<String> names = new HashSet<>();
        Set<String> errorKeys = new HashSet<>();
        root.path("texts").path("errors").fieldNames().forEachRemaining(errorKeys::add);
        for (String section : List.of("capture", "verdicts", "restore")) {
            if (!root.path(section).isArray() || root.path(section).isEmpty()) {
                found.add(section + ": missing or empty");
            }
            for (JsonNode scenario : root.path(section)) {
                String name = scenario.path("name").asText("");
                String where = section + "/" + name;
                if (!LOWER_CAMEL.matcher(name).matches()) {
                    found.add(where + ": name must be lowerCamelCase");
                }
                if (!names.add(name)) {
                    found.add(where + ": duplicate name");
                }
                String type = scenario.path(section.equals("capture") ? "object" : "targetType")
                        .asText("");
                if (!TYPES.contains(type)) {
                    found.add(where + ": unknown target type '" + type + "'");
                }
                JsonNode expect = scenario.path("expect");
                if (!section.equals("capture")) {
                    if (!ORIGINALS.contains(expect.path("original").asText(""))) {
                        found.add(where + ": expect.original must be one of " + ORIGINALS);
                    }
                    if (!expect.path("error").isNull()
                            && !errorKeys.contains(expect.path("error").asText())) {
                        found.add(where + ": expect.error '"
                                + expect.path("error").asText() + "' is not a key of texts.errors");
                    }
                } else if (!Set.of("Insert", "Update")
                        .contains(scenario.path("change").asText(""))) {
                    found.add(where + ": change must be Insert or Update");
                }
            }
        }
        assertEquals(List.of(), found, RESOURCE + ": scenarios");
    }

    @Test
    void theApexAndTheTextsNameTheSameKeys() throws Exception {
        Set<String> textKeys = new HashSet<>();
        root.path("texts").fieldNames().forEachRemaining(key -> {
            if (!key.equals("errors")) {
                textKeys.add(key);
            }
        });
        root.path("texts").path("errors").fieldNames().forEachRemaining(textKeys::add);
        StringBuilder apex = new StringBuilder();
        for (String file : RepoFiles.forceAppFiles()) {
            if (file.endsWith(".cls") && !file.endsWith("Test.cls") && !file.endsWith("TestData.cls")) {
                apex.append(java.nio.file.Files.readString(RepoFiles.root().resolve(file)))
                        .append('\n');
            }
        }
        List<String> found = new ArrayList<>();
        Matcher calls = Pattern.compile(
                        "(?:WardenTexts\\.(?:error|text)|\\bfail|\\brefuse|\\brefused)\\([^;]*?'([A-Za-z]+)'")
                .matcher(apex);
        while (calls.find()) {
            if (!textKeys.contains(calls.group(1))) {
                found.add("Apex asks for text '" + calls.group(1) + "', which " + RESOURCE + " does not define");
            }
        }
        for (String key : textKeys) {
            if (!apex.toString().contains("'" + key + "'")) {
                found.add(RESOURCE + " defines text '" + key + "', which no Apex class uses");
            }
        }
        assertEquals(List.of(), found, "texts used by Apex vs texts defined");
    }

    private static void checkTexts(JsonNode node, String path, List<String> found) {
        node.fields().forEachRemaining(entry -> {
            String where = path + "." + entry.getKey();
            if (entry.getValue().isObject()) {
                checkTexts(entry.getValue(), where, found);
                return;
            }
            Matcher matcher = PLACEHOLDER.matcher(entry.getValue().asText());
            while (matcher.find()) {
                if (!PLACEHOLDERS.contains(matcher.group(1))) {
                    found.add(where + ": placeholder {" + matcher.group(1) + "} is not one of " + PLACEHOLDERS);
                }
            }
        });
    }
}
