package dev.warden.runner.audit;

import dev.warden.runner.verify.Check;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a rules file adds to the audit: allow-listed users (exact usernames or {@code *} globs) and permission sets
 * (grants through them do not count; a profile is named as {@code profile:Name}), extra dangerous permissions with
 * their tier, severity overrides by rule id, and extra integration usernames (exact or {@code *} globs).
 */
public record AuditRules(
        List<String> allowUsers,
        Set<String> allowPermissionSets,
        Map<String, Tier> extraPermissions,
        Map<String, Check.Severity> severities,
        Set<String> integrationUsers) {
    public AuditRules {
        allowUsers = List.copyOf(allowUsers);
        allowPermissionSets = Set.copyOf(allowPermissionSets);
        extraPermissions = Map.copyOf(extraPermissions);
        severities = Map.copyOf(severities);
        integrationUsers = Set.copyOf(integrationUsers);
    }

    public static AuditRules none() {
        return new AuditRules(List.of(), Set.of(), Map.of(), Map.of(), Set.of());
    }

    public boolean userAllowed(String username) {
        for (String pattern : allowUsers) {
            if (glob(pattern, username)) {
                return true;
            }
        }
        return false;
    }

    public boolean namedIntegration(String username) {
        for (String pattern : integrationUsers) {
            if (glob(pattern, username)) {
                return true;
            }
        }
        return false;
    }

    public Check.Severity severity(AuditRule rule) {
        return severities.getOrDefault(rule.id(), rule.severity());
    }

    static boolean glob(String pattern, String text) {
        String regex = ("\\Q" + pattern.toLowerCase(java.util.Locale.ROOT) + "\\E").replace("*", "\\E.*\\Q");
        return text != null && text.toLowerCase(java.util.Locale.ROOT).matches(regex);
    }
}
