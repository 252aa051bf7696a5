package dev.warden.runner.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.warden.runner.verify.Check;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a {@code --rules} YAML file and validates it against the JSON Schema shipped in the runner
 * ({@code audit/rules.schema.json}, networknt json-schema-validator); the first error becomes one line with
 * {@code file:line}. Rule ids in {@code severities} are checked against the audit's rules as well.
 */
public final class RulesFile {
    public static final String SCHEMA_RESOURCE = "/audit/rules.schema.json";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchema SCHEMA = loadSchema();

    /** A rules file that does not validate; the message is one line starting with {@code file:line:}. */
    public static final class InvalidRulesException extends RuntimeException {
        public InvalidRulesException(String message) {
            super(message);
        }
    }

    private RulesFile() {}

    private static JsonSchema loadSchema() {
        try (InputStream in = RulesFile.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the runner's resources lack " + SCHEMA_RESOURCE);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SCHEMA_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    public static AuditRules parse(String text, String file) {
        Map<String, Integer> lines = lineMap(text, file);
        JsonNode node;
        try {
            node = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidRulesException(at(file, e) + "not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return AuditRules.none();
        }
        List<ValidationMessage> errors = new ArrayList<>(SCHEMA.validate(node));
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(m -> line(lines, pointer(m.getInstanceLocation(), m.getProperty()))));
            ValidationMessage first = errors.get(0);
            String pointer = pointer(first.getInstanceLocation(), first.getProperty());
            throw new InvalidRulesException(file + ":" + line(lines, pointer) + ": " + readable(first, pointer));
        }
        List<String> users = strings(node.path("allow").path("users"));
        Set<String> sets = new LinkedHashSet<>(strings(node.path("allow").path("permissionSets")));
        Map<String, Tier> extra = new LinkedHashMap<>();
        node.path("extraPermissions")
                .fields()
                .forEachRemaining(
                        e -> extra.put(e.getKey(), Tier.of(e.getValue().asText())));
        Map<String, Check.Severity> severities = new LinkedHashMap<>();
        var it = node.path("severities").fields();
        while (it.hasNext()) {
            var e = it.next();
            if (AuditRule.of(e.getKey()) == null) {
                throw new InvalidRulesException(file + ":" + line(lines, "/severities/" + e.getKey())
                        + ": severities: unknown rule id '" + e.getKey() + "'; rule ids: "
                        + java.util.Arrays.stream(AuditRule.values())
                                .map(AuditRule::id)
                                .toList());
            }
            severities.put(e.getKey(), Check.Severity.valueOf(e.getValue().asText()));
        }
        return new AuditRules(
                users, sets, extra, severities, new LinkedHashSet<>(strings(node.path("integrationUsers"))));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String pointer(JsonNodePath path, String property) {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            p.append('/').append(path.getElement(i));
        }
        if (property != null && !property.isEmpty()) {
            p.append('/').append(property);
        }
        return p.toString();
    }

    private static int line(Map<String, Integer> lines, String pointer) {
        String p = pointer;
        while (!p.isEmpty()) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
        return 1;
    }

    /** {@code allow.users[0]: integer found, string expected} — the schema library's message without its {@code $.} prefix. */
    private static String readable(ValidationMessage m, String pointer) {
        String where = pointer.isEmpty()
                ? "(top level)"
                : pointer.substring(1).replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.');
        String msg = m.getMessage();
        int colon = msg.indexOf(": ");
        if (msg.startsWith("$") && colon > 0) {
            msg = msg.substring(colon + 2);
        }
        return where + ": " + msg;
    }

    /** JSON pointer of every scalar and key to its line, from the YAML parser (1-based). */
    private static Map<String, Integer> lineMap(String text, String file) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = YAML.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    continue;
                }
                lines.putIfAbsent(
                        p.getParsingContext().pathAsPointer().toString(),
                        p.currentTokenLocation().getLineNr());
            }
        } catch (JsonProcessingException e) {
            throw new InvalidRulesException(at(file, e) + "not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new InvalidRulesException(file + ": cannot read: " + e.getMessage());
        }
        return lines;
    }

    private static String at(String file, JsonProcessingException e) {
        return e.getLocation() == null
                ? file + ": "
                : file + ":" + e.getLocation().getLineNr() + ": ";
    }
}
