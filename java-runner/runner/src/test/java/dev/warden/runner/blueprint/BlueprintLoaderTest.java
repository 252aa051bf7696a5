package dev.warden.runner.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlueprintLoaderTest {

    private final BlueprintLoader loader = new BlueprintLoader();

    private static final String MINIMAL = """
            name: t
            integrationUser:
              username: scanner@{orgId}.example.invalid
              email: a@example.invalid
            final:
              license: Salesforce Integration
              profile: Minimum Access - API Only Integrations
              permissionSets: [A_Set]
            """;

    @ParameterizedTest
    @ValueSource(strings = {"warden", "withsecure-style", "trendmicro-style", "ispm-style", "defender-style"})
    void everyBuiltInBlueprintLoads(String name) {
        Blueprint b = loader.load("builtin:" + name);
        assertEquals(name, b.name());
    }

    @Test
    void wardenBlueprintKeepsThePreAuthorizingSetSeparateFromTheUsersOwnSets() {
        Blueprint b = loader.load("builtin:warden");
        assertEquals(
                java.util.List.of("Warden_Integration", "Warden_Query_All_Files", "Warden_Scanner_Access"),
                b.desiredPermissionSets());
        assertEquals("warden.scanner@00dxx.warden.invalid", b.usernameFor("00Dxx"));
    }

    @Test
    void unknownKeyIsReportedWithItsLine() {
        var e = assertThrows(BlueprintException.class, () -> loader.parse(MINIMAL + "colour: blue\n", "bp.yaml"));
        assertTrue(e.getMessage().startsWith("bp.yaml:9: unknown key 'colour'"), e.getMessage());
    }

    @Test
    void cidrWithPrefixLongerThan32IsReportedWithTheLineOfTheRange() {
        String text = MINIMAL + "network:\n  trustedRanges:\n    - 10.1.0.0/24\n    - 10.0.0.0/33\n";
        var e = assertThrows(BlueprintException.class, () -> loader.parse(text, "bp.yaml"));
        assertEquals(
                "bp.yaml:12: network.trustedRanges[1]: '10.0.0.0/33': prefix /33 is longer than 32 bits",
                e.getMessage());
    }

    @Test
    void slashSixIsOverTheSalesforceLimitOf2To25Addresses() {
        String text = MINIMAL + "network:\n  trustedRanges:\n    - 8.0.0.0/6\n";
        var e = assertThrows(BlueprintException.class, () -> loader.parse(text, "bp.yaml"));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "bp.yaml:11: network.trustedRanges[0]: range 8.0.0.0-11.255.255.255 holds 67108864 addresses"),
                e.getMessage());
    }

    @Test
    void reversedRangeIsRejected() {
        String text = MINIMAL + "network:\n  trustedRanges:\n    - { range: 10.0.0.9-10.0.0.1, description: office }\n";
        var e = assertThrows(BlueprintException.class, () -> loader.parse(text, "bp.yaml"));
        assertEquals(
                "bp.yaml:11: network.trustedRanges[0]: range 10.0.0.9-10.0.0.1 is reversed (start is after end)",
                e.getMessage());
    }

    @Test
    void missingFinalPhaseIsNamed() {
        var e = assertThrows(
                BlueprintException.class,
                () -> loader.parse("name: x\nintegrationUser: {username: a@b.co, email: a@b.co}\n", "bp.yaml"));
        assertEquals("bp.yaml: the final phase ('final:') is required", e.getMessage());
    }

    @Test
    void wrongTypeIsReportedWithLineAndPath() {
        var e = assertThrows(
                BlueprintException.class, () -> loader.parse(MINIMAL.replace("[A_Set]", "{a: 1}"), "bp.yaml"));
        assertEquals(
                "bp.yaml:8: final.permissionSets: expected a list (one '- item' a line, or [a, b]), got a section of keys",
                e.getMessage());
    }

    @Test
    void typeErrorsAreInPlainWordsWithoutJavaTypeNames() {
        var number = assertThrows(
                BlueprintException.class, () -> loader.parse(MINIMAL + "apiReservePercent: ten\n", "bp.yaml"));
        assertTrue(
                number.getMessage().endsWith("apiReservePercent: expected a whole number, got 'ten'"),
                number.getMessage());
        for (String bad : new String[] {"{a: 1}", "[[x]]"}) {
            var e = assertThrows(
                    BlueprintException.class, () -> loader.parse(MINIMAL.replace("[A_Set]", bad), "bp.yaml"));
            assertTrue(
                    !e.getMessage().contains("java.")
                            && !e.getMessage().contains("`")
                            && !e.getMessage().contains("Cannot deserialize"),
                    e.getMessage());
        }
    }

    @Test
    void unknownScopeIsRejected() {
        String text = MINIMAL + "app:\n  eca: App\n  scopes: [Api, Everything]\n";
        var e = assertThrows(BlueprintException.class, () -> loader.parse(text, "bp.yaml"));
        assertEquals(
                "bp.yaml:11: app.scopes[1]: unknown OAuth scope 'Everything' (metadata tokens such as Api, RefreshToken, Web)",
                e.getMessage());
    }

    @Test
    void invalidYamlIsOneLine() {
        var e = assertThrows(BlueprintException.class, () -> loader.parse("name: [unclosed\n", "bp.yaml"));
        assertTrue(e.getMessage().startsWith("bp.yaml:"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void missingFileIsNamed() {
        var e = assertThrows(BlueprintException.class, () -> loader.load("/nope/bp.yaml"));
        assertEquals("/nope/bp.yaml: blueprint file not found", e.getMessage());
    }
}
