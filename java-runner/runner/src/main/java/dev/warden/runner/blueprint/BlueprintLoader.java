package dev.warden.runner.blueprint;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a blueprint from YAML and validates it; every error is one line naming the file, line and element.
 * Built-in blueprints are addressed as {@code builtin:<name>} (resources under {@code blueprints/}).
 */
public final class BlueprintLoader {

    public static final String BUILTIN_PREFIX = "builtin:";
    public static final String DEFAULT_BLUEPRINT = BUILTIN_PREFIX + "warden";

    static final Set<String> SCOPES = Set.of(
            "Basic",
            "Api",
            "Web",
            "Full",
            "Chatter",
            "CustomApplications",
            "RefreshToken",
            "OpenID",
            "Profile",
            "Email",
            "Address",
            "Phone",
            "OfflineAccess",
            "CustomPermissions",
            "Wave",
            "Eclair",
            "Pardot",
            "Lightning",
            "Content",
            "CDPIngest",
            "CDPProfile",
            "CDPQuery",
            "Chatbot",
            "CDPSegment",
            "CDPIdentityResolution",
            "CDPCalculatedInsight",
            "SFApiPlatform",
            "Interaction",
            "EinsteinGPT",
            "PwdlessLogin",
            "ForgotPassword",
            "UserRegistration",
            "MCP",
            "SCRT");
    static final Set<String> IP_RELAXATION = Set.of("Enforce", "Bypass", "Bypass_2factor", "Enforce_RelaxRefresh");
    static final Set<String> REFRESH_POLICIES = Set.of("Infinite", "SpecificInactivity", "SpecificLifetime", "Zero");
    static final Set<String> REFRESH_UNITS = Set.of("Hours", "Days", "Months");
    static final Set<String> LOGIN_RANGE_MODES = Set.of("ifAlreadyUsed", "never");
    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern USERNAME = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Loads {@code builtin:<name>} or a file path. */
    public Blueprint load(String location) {
        if (location == null || location.isBlank()) {
            location = DEFAULT_BLUEPRINT;
        }
        if (location.startsWith(BUILTIN_PREFIX)) {
            String name = location.substring(BUILTIN_PREFIX.length());
            try (InputStream in = BlueprintLoader.class.getResourceAsStream("/blueprints/" + name + ".yaml")) {
                if (in == null) {
                    throw new BlueprintException(
                            "no built-in blueprint '" + name + "'; built-ins: " + String.join(", ", builtinNames()));
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), location);
            } catch (IOException e) {
                throw new BlueprintException("cannot read built-in blueprint '" + name + "': " + e.getMessage());
            }
        }
        Path path = Path.of(location);
        try {
            return parse(Files.readString(path), location);
        } catch (NoSuchFileException e) {
            throw new BlueprintException(location + ": blueprint file not found");
        } catch (IOException e) {
            throw new BlueprintException(location + ": cannot read blueprint: " + e.getMessage());
        }
    }

    public static List<String> builtinNames() {
        return List.of("warden", "withsecure-style", "trendmicro-style", "ispm-style", "defender-style");
    }

    public Blueprint parse(String text, String file) {
        Map<String, Integer> lines = lineMap(text, file);
        BlueprintSource source = new BlueprintSource(file, lines);
        Blueprint raw;
        try {
            raw = yaml.readValue(text, Blueprint.class);
        } catch (UnrecognizedPropertyException e) {
            List<Object> known = new ArrayList<>(e.getKnownPropertyIds());
            known.remove("source");
            throw new BlueprintException(at(source, e) + "unknown key '" + e.getPropertyName() + "'" + pathSuffix(e)
                    + "; known keys: " + known);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw new BlueprintException(at(source, e) + pathPrefix(e) + plainTypeError(e));
        } catch (JsonMappingException e) {
            throw new BlueprintException(at(source, e) + pathPrefix(e) + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new BlueprintException(at(file, e) + "not valid YAML: " + firstLine(e.getOriginalMessage()));
        }
        if (raw == null) {
            throw new BlueprintException(file + ": blueprint is empty");
        }
        Blueprint blueprint = raw.withSource(source);
        new Validation(blueprint).run();
        return blueprint;
    }

    /**
     * A type mismatch in words a blueprint author reads ("expected a list of names, got a section of keys"), never
     * Jackson's Java type names.
     */
    static String plainTypeError(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        Class<?> t = e.getTargetType();
        String expected;
        if (t == null) {
            expected = "a different kind of value";
        } else if (java.util.Collection.class.isAssignableFrom(t) || t.isArray()) {
            expected = "a list (one '- item' a line, or [a, b])";
        } else if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            expected = "a whole number";
        } else if (t == Boolean.class || t == boolean.class) {
            expected = "true or false";
        } else if (t == String.class) {
            expected = "a single value (text)";
        } else if (t.isEnum()) {
            expected = "one of " + java.util.Arrays.toString(t.getEnumConstants());
        } else {
            expected = "a section of keys (key: value lines)";
        }
        String got;
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f) {
            got = "'" + f.getValue() + "'";
        } else {
            String m = String.valueOf(e.getOriginalMessage());
            if (m.contains("from Object value") || m.contains("START_OBJECT")) {
                got = "a section of keys";
            } else if (m.contains("from Array value") || m.contains("START_ARRAY")) {
                got = "a list";
            } else if (m.contains("from String value") || m.contains("VALUE_STRING")) {
                got = "text";
            } else if (m.contains("from Integer value")
                    || m.contains("from Floating-point value")
                    || m.contains("VALUE_NUMBER")) {
                got = "a number";
            } else if (m.contains("from Boolean value") || m.contains("VALUE_TRUE") || m.contains("VALUE_FALSE")) {
                got = "true or false";
            } else {
                got = "something else";
            }
        }
        return "expected " + expected + ", got " + got;
    }

    /** The line of the element the mapping error is about, from the line map (Jackson's own location is the next token). */
    private static String at(BlueprintSource source, JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            pointer.append('/')
                    .append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        String where = source.where(pointer.toString());
        return where.equals(source.file()) ? at(source.file(), e) : where + ": ";
    }

    private static String at(String file, JsonProcessingException e) {
        return e.getLocation() == null
                ? file + ": "
                : file + ":" + e.getLocation().getLineNr() + ": ";
    }

    private static String pathPrefix(JsonMappingException e) {
        String path = readablePath(e);
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String pathSuffix(JsonMappingException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        if (refs.size() <= 1) {
            return "";
        }
        return " in " + readablePath(refs.subList(0, refs.size() - 1));
    }

    private static String readablePath(JsonMappingException e) {
        return readablePath(e.getPath());
    }

    private static String readablePath(List<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        String line = message.lines().findFirst().orElse(message).trim();
        return line.replaceAll("\\s*\\(for [^)]*\\)", "")
                .replaceAll("`dev\\.warden\\.runner\\.blueprint\\.Blueprint\\$?", "`");
    }

    /** JSON pointer of every key and scalar to the line it was written on, so later checks can name the line. */
    private Map<String, Integer> lineMap(String text, String file) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = yaml.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    continue;
                }
                String pointer = p.getParsingContext().pathAsPointer().toString();
                lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
            }
        } catch (JsonProcessingException e) {
            throw new BlueprintException(at(file, e) + "not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BlueprintException(file + ": cannot read blueprint: " + e.getMessage());
        }
        return lines;
    }

    /** Semantic checks after parsing; the first failure ends loading with one line. */
    private static final class Validation {
        private final Blueprint b;

        Validation(Blueprint b) {
            this.b = b;
        }

        void run() {
            require(b.integrationUser(), "/integrationUser", "integrationUser is required");
            var u = b.integrationUser();
            require(u.username(), "/integrationUser", "integrationUser.username is required");
            check(
                    USERNAME.matcher(u.username()).matches(),
                    "/integrationUser/username",
                    "username '" + u.username() + "' must look like an email address (user@domain.tld)");
            require(u.email(), "/integrationUser", "integrationUser.email is required");
            check(
                    USERNAME.matcher(u.email()).matches(),
                    "/integrationUser/email",
                    "email '" + u.email() + "' is not an email address");
            if (u.alias() != null) {
                check(
                        u.alias().length() <= 8,
                        "/integrationUser/alias",
                        "alias '" + u.alias() + "' is longer than 8 characters");
            }
            if (b.bootstrap() != null) {
                require(b.bootstrap().profile(), "/bootstrap", "bootstrap.profile is required when bootstrap is given");
                names(b.bootstrap().permissionSets(), "/bootstrap/permissionSets");
            }
            require(b.finalPhase(), "", "the final phase ('final:') is required");
            require(b.finalPhase().profile(), "/final", "final.profile is required");
            require(b.finalPhase().license(), "/final", "final.license is required");
            names(b.finalPhase().permissionSetLicenses(), "/final/permissionSetLicenses");
            names(b.finalPhase().permissionSets(), "/final/permissionSets");
            names(b.allowedPermissions(), "/allowedPermissions");
            names(b.packageTriggers(), "/packageTriggers");
            if (b.app() != null) {
                app(b.app());
            }
            if (b.approval() != null) {
                require(
                        b.approval().permissionSet(),
                        "/approval",
                        "approval.permissionSet is required when approval is given");
                check(
                        API_NAME.matcher(b.approval().permissionSet()).matches(),
                        "/approval/permissionSet",
                        "'" + b.approval().permissionSet() + "' is not a permission set API name");
                check(
                        !b.desiredPermissionSets().contains(b.approval().permissionSet()),
                        "/approval/permissionSet",
                        "the approval permission set '" + b.approval().permissionSet()
                                + "' is for the installing admin and must not be one the integration user keeps");
            }
            var n = b.network();
            check(
                    LOGIN_RANGE_MODES.contains(n.profileLoginRanges()),
                    "/network/profileLoginRanges",
                    "profileLoginRanges must be one of " + LOGIN_RANGE_MODES + ", not '" + n.profileLoginRanges()
                            + "'");
            for (int i = 0; i < n.trustedRanges().size(); i++) {
                var r = n.trustedRanges().get(i);
                String pointer = "/network/trustedRanges/" + i;
                try {
                    r.toIpRange();
                } catch (IllegalArgumentException e) {
                    fail(pointer, e.getMessage());
                }
            }
            if (b.apiReservePercent() != null) {
                check(
                        b.apiReservePercent() >= 0 && b.apiReservePercent() < 100,
                        "/apiReservePercent",
                        "apiReservePercent must be between 0 and 99, not " + b.apiReservePercent());
            }
        }

        private void app(Blueprint.App a) {
            require(a.eca(), "/app", "app.eca (the External Client App API name) is required when app is given");
            check(
                    API_NAME.matcher(a.eca()).matches(),
                    "/app/eca",
                    "'" + a.eca() + "' is not an External Client App API name");
            if (a.preAuthorizedBy() != null) {
                check(
                        API_NAME.matcher(a.preAuthorizedBy()).matches(),
                        "/app/preAuthorizedBy",
                        "'" + a.preAuthorizedBy() + "' is not a permission set API name");
            }
            for (int i = 0; i < a.scopes().size(); i++) {
                String s = a.scopes().get(i);
                check(
                        SCOPES.contains(s),
                        "/app/scopes/" + i,
                        "unknown OAuth scope '" + s + "' (metadata tokens such as Api, RefreshToken, Web)");
            }
            check(
                    IP_RELAXATION.contains(a.ipRelaxation()),
                    "/app/ipRelaxation",
                    "ipRelaxation must be one of " + IP_RELAXATION + ", not '" + a.ipRelaxation() + "'");
            var rt = a.refreshToken();
            check(
                    REFRESH_POLICIES.contains(rt.policy()),
                    "/app/refreshToken/policy",
                    "refreshToken.policy must be one of " + REFRESH_POLICIES + ", not '" + rt.policy() + "'");
            if (rt.policy().startsWith("Specific")) {
                check(
                        rt.validity() != null && rt.validity() > 0,
                        "/app/refreshToken",
                        "refreshToken.validity (a positive number) is required for " + rt.policy());
                check(
                        rt.unit() != null && REFRESH_UNITS.contains(rt.unit()),
                        "/app/refreshToken",
                        "refreshToken.unit must be one of " + REFRESH_UNITS + " for " + rt.policy());
            }
        }

        private void names(List<String> names, String pointer) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                check(
                        name != null && API_NAME.matcher(name).matches(),
                        pointer + "/" + i,
                        "'" + name + "' is not an API name");
                check(seen.add(name), pointer + "/" + i, "'" + name + "' is listed twice");
            }
        }

        private void require(Object value, String pointer, String message) {
            if (value == null || (value instanceof String s && s.isBlank())) {
                fail(pointer, message);
            }
        }

        private void check(boolean ok, String pointer, String message) {
            if (!ok) {
                fail(pointer, message);
            }
        }

        private void fail(String pointer, String message) {
            String path = BlueprintSource.readable(pointer);
            throw new BlueprintException(b.where(pointer) + ": " + (path.isEmpty() ? "" : path + ": ") + message);
        }
    }
}
