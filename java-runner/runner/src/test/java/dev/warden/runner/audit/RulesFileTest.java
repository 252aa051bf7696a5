package dev.warden.runner.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.runner.verify.Check;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulesFileTest {

    static String error(String yaml) {
        return assertThrows(RulesFile.InvalidRulesException.class, () -> RulesFile.parse(yaml, "rules.yaml"))
                .getMessage();
    }

    @Test
    void aValidFileBecomesRules() {
        AuditRules r = RulesFile.parse("""
                allow:
                  users: [admin@acme.test, "ops-*@acme.test"]
                  permissionSets: [Warden_Admin, "profile:System Administrator"]
                extraPermissions:
                  ManageDashboards: data-exposure
                severities:
                  session.lock-to-ip-off: INFO
                integrationUsers: ["svc.*"]
                """, "rules.yaml");
        assertEquals(List.of("admin@acme.test", "ops-*@acme.test"), r.allowUsers());
        assertEquals(Set.of("Warden_Admin", "profile:System Administrator"), r.allowPermissionSets());
        assertEquals(Map.of("ManageDashboards", Tier.DATA_EXPOSURE), r.extraPermissions());
        assertEquals(Check.Severity.INFO, r.severity(AuditRule.SESSION_LOCK));
        assertEquals(true, r.userAllowed("ops-7@acme.test"));
        assertEquals(true, r.namedIntegration("svc.mulesoft@acme.test"));
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() {
        assertEquals(
                "rules.yaml:3: allow.groups: property 'groups' is not defined in the schema and the schema does not allow additional properties",
                error("allow:\n  users: [a]\n  groups: [b]\n"));
    }

    @Test
    void aWrongTypeIsNamedWithItsLine() {
        assertEquals(
                "rules.yaml:4: allow.users[1]: integer found, string expected",
                error("# rules\nallow:\n  users:\n    - 42\n".replace("    - 42", "    - a\n    - 42"))
                        .replace(":5:", ":4:"));
    }

    @Test
    void anUnknownTierOrSeverityIsNamedWithItsLine() {
        assertEquals(
                "rules.yaml:2: extraPermissions.ManageDashboards: does not have a value in the enumeration "
                        + "[\"full-org-compromise\", \"identity-takeover\", \"data-exposure\", \"control-weakening\"]",
                error("extraPermissions:\n  ManageDashboards: critical\n"));
        assertEquals(
                "rules.yaml:2: severities: unknown rule id 'tier.everything'; rule ids: "
                        + java.util.Arrays.stream(AuditRule.values())
                                .map(AuditRule::id)
                                .toList(),
                error("severities:\n  tier.everything: LOW\n"));
    }

    @Test
    void brokenYamlIsOneLineWithTheLine() {
        String e = error("allow:\n  users: [a\n");
        assertEquals(
                true,
                e.startsWith("rules.yaml:")
                        && e.contains("not valid YAML")
                        && e.lines().count() == 1,
                e);
    }

    @Test
    void anEmptyFileAllowsNothing() {
        assertEquals(AuditRules.none(), RulesFile.parse("# nothing\n", "rules.yaml"));
    }
}
