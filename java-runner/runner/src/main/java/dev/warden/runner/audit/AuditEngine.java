package dev.warden.runner.audit;

import dev.warden.runner.audit.AuditResult.MatrixRow;
import dev.warden.runner.blueprint.IpRange;
import dev.warden.runner.verify.Check;
import dev.warden.runner.verify.Verifier;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The audit's pure core. Rows are fed in streaming order — permission sets, muting sets, object permissions, groups
 * and their components, users, then assignments, PSL assignments, apps, tokens, network, API usage — and aggregated
 * at once: a permission set is kept as a bitset of the permissions the audit tracks, a group as the bitset of its
 * members minus its muting sets, a user as the few grants that carry a tracked permission. Assignment rows are never
 * kept, so 300k of them cost no more heap than the users they point at. No I/O.
 */
public final class AuditEngine {
    public static final String INTEGRATION_LICENSE = "Salesforce Integration";
    public static final String FULL_LICENSE = "Salesforce";
    public static final String ADMIN_APPROVED = "AdminApprovedPreAuthorized";
    /** Holding this PSL marks an integration user as much as the license does. */
    public static final String API_INTEGRATION_PSL = "SalesforceAPIIntegrationPsl";

    static final Set<String> BROAD_SCOPES = Set.of("full", "web", "visualforce");
    /** Usage at or above this share of the budget left above the reserve counts as near it. */
    static final double NEAR_RESERVE = 0.9;

    private final PermissionCatalog catalog;
    private final AuditRules rules;
    private final Set<String> integrationUsernames = new HashSet<>();

    private final Map<String, Integer> bitOf = new HashMap<>();
    private final List<String> permissionOf = new ArrayList<>();
    private final BitSet tiered = new BitSet();

    private final Map<String, Integer> setIndex = new HashMap<>();
    private final List<SetDef> sets = new ArrayList<>();
    private final Map<String, Integer> profileSet = new HashMap<>();
    private final Map<String, SetDef> muting = new HashMap<>();
    private final Map<String, Integer> groupIndex = new HashMap<>();
    private final List<GroupDef> groups = new ArrayList<>();
    private final Map<String, UserAcc> users = new HashMap<>();
    private final Map<String, String> strings = new HashMap<>();
    private final List<AuditRows.App> apps = new ArrayList<>();
    private final Map<String, TokenAcc> tokens = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private AuditRows.Network network;
    private AuditRows.ApiUsage apiUsage;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Long> stats = new LinkedHashMap<>();

    private static final class SetDef {
        final String name;
        final boolean ownedByProfile;
        final String profileName;
        final BitSet perms = new BitSet();

        SetDef(String name, boolean ownedByProfile, String profileName) {
            this.name = name;
            this.ownedByProfile = ownedByProfile;
            this.profileName = profileName;
        }
    }

    private static final class GroupDef {
        final String name;
        final List<Integer> members = new ArrayList<>();
        final List<SetDef> mutes = new ArrayList<>();
        BitSet effective;

        GroupDef(String name) {
            this.name = name;
        }
    }

    private static final class UserAcc {
        final String username;
        final String profileId;
        final String profileName;
        final String license;
        int[] grants = new int[0];
        List<String> psls;

        UserAcc(String username, String profileId, String profileName, String license) {
            this.username = username;
            this.profileId = profileId;
            this.profileName = profileName;
            this.license = license;
        }

        void add(int grant) {
            for (int g : grants) {
                if (g == grant) {
                    return;
                }
            }
            grants = java.util.Arrays.copyOf(grants, grants.length + 1);
            grants[grants.length - 1] = grant;
        }
    }

    private static final class TokenAcc {
        long tokens;
        long uses;
        final Set<String> users = new HashSet<>();
        final Set<String> sample = new TreeSet<>();
    }

    public AuditEngine(PermissionCatalog catalog, AuditRules rules, Set<String> blueprintIntegrationUsers) {
        this.catalog = catalog;
        this.rules = rules;
        blueprintIntegrationUsers.forEach(u -> integrationUsernames.add(u.toLowerCase(Locale.ROOT)));
        for (String p : catalog.tracked()) {
            bit(p);
        }
    }

    private int bit(String permission) {
        Integer b = bitOf.get(permission);
        if (b == null) {
            b = permissionOf.size();
            bitOf.put(permission, b);
            permissionOf.add(permission);
            if (catalog.tier(permission) != null) {
                tiered.set(b);
            }
        }
        return b;
    }

    private void count(String stat) {
        stats.merge(stat, 1L, Long::sum);
    }

    // ------------------------------------------------------------------ rows

    public void permissionSet(AuditRows.PermissionSet r) {
        count("permissionSets");
        SetDef d = new SetDef(r.name(), r.ownedByProfile(), r.profileName());
        r.permissions().forEach(p -> d.perms.set(bit(p)));
        setIndex.put(r.id(), sets.size());
        if (r.ownedByProfile() && r.profileId() != null) {
            profileSet.put(r.profileId(), sets.size());
        }
        sets.add(d);
    }

    public void mutingPermissionSet(AuditRows.MutingPermissionSet r) {
        count("mutingPermissionSets");
        SetDef d = new SetDef(r.name(), false, null);
        r.permissions().forEach(p -> d.perms.set(bit(p)));
        muting.put(r.id(), d);
    }

    public void objectPermission(AuditRows.ObjectPermission r) {
        SetDef target =
                setIndex.containsKey(r.parentId()) ? sets.get(setIndex.get(r.parentId())) : muting.get(r.parentId());
        if (target == null) {
            count("objectPermissionsWithoutParent");
            return;
        }
        count("objectPermissions");
        if (r.viewAll()) {
            target.perms.set(bit(PermissionCatalog.objectKey(false, r.sobject())));
        }
        if (r.modifyAll()) {
            target.perms.set(bit(PermissionCatalog.objectKey(true, r.sobject())));
        }
    }

    public void group(AuditRows.PermissionSetGroup r) {
        count("permissionSetGroups");
        groupIndex.put(r.id(), groups.size());
        groups.add(new GroupDef(r.name()));
    }

    public void groupComponent(AuditRows.GroupComponent r) {
        Integer g = groupIndex.get(r.groupId());
        if (g == null) {
            count("groupComponentsWithoutGroup");
            return;
        }
        count("groupComponents");
        GroupDef group = groups.get(g);
        group.effective = null;
        Integer s = setIndex.get(r.memberId());
        if (s != null) {
            group.members.add(s);
        } else if (muting.containsKey(r.memberId())) {
            group.mutes.add(muting.get(r.memberId()));
        } else {
            count("groupComponentsUnknownMember");
        }
    }

    public void user(AuditRows.User r) {
        count("users");
        if (!r.active()) {
            return;
        }
        count("activeUsers");
        users.put(
                r.id(), new UserAcc(r.username(), shared(r.profileId()), shared(r.profileName()), shared(r.license())));
    }

    /** Profile ids, names and licenses repeat for every user: one copy each. */
    private String shared(String s) {
        return s == null ? null : strings.computeIfAbsent(s, k -> k);
    }

    public void assignment(AuditRows.Assignment r) {
        count("assignments");
        UserAcc u = users.get(r.assigneeId());
        if (u == null) {
            return;
        }
        if (r.groupId() != null) {
            Integer g = groupIndex.get(r.groupId());
            if (g == null) {
                count("assignmentsUnknownGroup");
                return;
            }
            if (!effective(groups.get(g)).isEmpty()) {
                u.add(-(g + 1));
                count("assignmentsCarryingTrackedPermissions");
            }
            return;
        }
        Integer s = setIndex.get(r.permissionSetId());
        if (s == null) {
            count("assignmentsUnknownPermissionSet");
            return;
        }
        SetDef d = sets.get(s);
        if (d.ownedByProfile) {
            return; // the profile's permissions come through the user's ProfileId
        }
        if (!d.perms.isEmpty()) {
            u.add(s);
            count("assignmentsCarryingTrackedPermissions");
        }
    }

    public void pslAssignment(AuditRows.PslAssignment r) {
        count("pslAssignments");
        UserAcc u = users.get(r.assigneeId());
        if (u != null) {
            if (u.psls == null) {
                u.psls = new ArrayList<>(1);
            }
            u.psls.add(r.license());
        }
    }

    public void app(AuditRows.App r) {
        count("apps");
        apps.add(r);
    }

    public void token(AuditRows.OAuthToken r) {
        count("oauthTokens");
        TokenAcc t = tokens.computeIfAbsent(r.appName() == null ? "(unnamed app)" : r.appName(), k -> new TokenAcc());
        t.tokens++;
        t.uses += r.useCount();
        t.users.add(r.userId());
        if (t.sample.size() < 5 && r.username() != null) {
            t.sample.add(r.username());
        }
    }

    public void network(AuditRows.Network r) {
        this.network = r;
    }

    public void apiUsage(AuditRows.ApiUsage r) {
        this.apiUsage = r;
    }

    /** Something that could not be read: the report says so instead of passing silently. */
    public void warn(String what) {
        warnings.add(what);
    }

    private BitSet effective(GroupDef g) {
        if (g.effective == null) {
            BitSet b = new BitSet();
            g.members.forEach(s -> b.or(sets.get(s).perms));
            g.mutes.forEach(m -> b.andNot(m.perms));
            g.effective = b;
        }
        return g.effective;
    }

    // ------------------------------------------------------------------ result

    public AuditResult result() {
        List<Finding> findings = new ArrayList<>();
        List<MatrixRow> matrix = new ArrayList<>();
        List<UserAcc> ordered = new ArrayList<>(users.values());
        ordered.sort(Comparator.comparing(u -> u.username.toLowerCase(Locale.ROOT)));
        for (UserAcc u : ordered) {
            userFindings(u, findings, matrix);
        }
        appFindings(findings);
        networkFindings(findings);
        apiFindings(findings);
        Map<AuditRule, Integer> order = new EnumMap<>(AuditRule.class);
        for (AuditRule r : AuditRule.values()) {
            order.put(r, r.ordinal());
        }
        findings.sort(Comparator.comparing((Finding f) -> f.severity().ordinal())
                .thenComparing(f -> order.get(AuditRule.of(f.rule())))
                .thenComparing(Finding::subject));
        stats.put("usersWithTieredPermissions", (long) matrix.size());
        stats.put("findings", (long) findings.size());
        return new AuditResult(findings, matrix, stats, warnings, List.of(AuditRule.values()));
    }

    private void userFindings(UserAcc u, List<Finding> findings, List<MatrixRow> matrix) {
        Integer own = profileSet.get(u.profileId);
        BitSet eff = new BitSet();
        if (own != null) {
            eff.or(sets.get(own).perms);
        }
        for (int g : u.grants) {
            eff.or(g >= 0 ? sets.get(g).perms : effective(groups.get(-g - 1)));
        }
        boolean integration = isIntegration(u, own);
        Map<Tier, List<String>> held = new EnumMap<>(Tier.class);
        for (int b = eff.nextSetBit(0); b >= 0; b = eff.nextSetBit(b + 1)) {
            if (tiered.get(b)) {
                held.computeIfAbsent(catalog.tier(permissionOf.get(b)), k -> new ArrayList<>())
                        .add(permissionOf.get(b));
            }
        }
        if (!held.isEmpty()) {
            matrix.add(new MatrixRow(u.username, u.profileName, u.license, integration, held));
        }
        if (rules.userAllowed(u.username)) {
            return;
        }
        for (Map.Entry<Tier, List<String>> e : held.entrySet()) {
            List<String> paths = new ArrayList<>();
            List<String> counted = new ArrayList<>();
            for (String p : e.getValue()) {
                List<String> via = paths(u, own, bitOf.get(p));
                if (!via.isEmpty()) {
                    counted.add(p);
                    via.forEach(v -> paths.add(p + ": " + v));
                }
            }
            if (!counted.isEmpty()) {
                findings.add(finding(
                        AuditRule.forTier(e.getKey()), u.username, "holds " + String.join(", ", counted), paths));
            }
        }
        if (!integration) {
            return;
        }
        String who = "license " + u.license + ", profile '" + u.profileName + "'";
        if (FULL_LICENSE.equalsIgnoreCase(u.license)) {
            findings.add(finding(
                    AuditRule.INTEGRATION_FULL_LICENSE,
                    u.username,
                    who + " (an API integration needs the " + INTEGRATION_LICENSE + " license)",
                    List.of()));
        }
        if (!eff.get(bitOf.get(PermissionCatalog.API_ONLY))) {
            findings.add(finding(
                    AuditRule.INTEGRATION_NOT_API_ONLY,
                    u.username,
                    who + "; no source grants API Only User",
                    List.of()));
        }
        List<String> interactive = new ArrayList<>();
        for (String p : new TreeSet<>(PermissionCatalog.INTERACTIVE)) {
            if (eff.get(bitOf.get(p))) {
                paths(u, own, bitOf.get(p)).forEach(v -> interactive.add(p + ": " + v));
            }
        }
        if (!interactive.isEmpty()) {
            findings.add(finding(AuditRule.INTEGRATION_INTERACTIVE, u.username, who, interactive));
        }
        int pne = bitOf.get(PermissionCatalog.PASSWORD_NEVER_EXPIRES);
        List<String> pnePaths = eff.get(pne) ? paths(u, own, pne) : List.of();
        if (!pnePaths.isEmpty()) {
            findings.add(finding(
                    AuditRule.INTEGRATION_PASSWORD,
                    u.username,
                    who,
                    pnePaths.stream()
                            .map(v -> PermissionCatalog.PASSWORD_NEVER_EXPIRES + ": " + v)
                            .toList()));
        }
    }

    private boolean isIntegration(UserAcc u, Integer own) {
        return INTEGRATION_LICENSE.equalsIgnoreCase(u.license)
                || own != null && sets.get(own).perms.get(bitOf.get(PermissionCatalog.API_ONLY))
                || u.psls != null && u.psls.stream().anyMatch(API_INTEGRATION_PSL::equalsIgnoreCase)
                || integrationUsernames.contains(u.username.toLowerCase(Locale.ROOT))
                || rules.namedIntegration(u.username);
    }

    /** Every path by which the user holds the permission, skipping allow-listed permission sets, groups and profiles. */
    private List<String> paths(UserAcc u, Integer own, int bit) {
        List<String> out = new ArrayList<>();
        if (own != null
                && sets.get(own).perms.get(bit)
                && !rules.allowPermissionSets().contains("profile:" + u.profileName)) {
            out.add(u.username + " ← profile '" + u.profileName + "'");
        }
        for (int g : u.grants) {
            if (g >= 0) {
                SetDef d = sets.get(g);
                if (d.perms.get(bit) && !rules.allowPermissionSets().contains(d.name)) {
                    out.add(u.username + " ← permission set " + d.name);
                }
                continue;
            }
            GroupDef group = groups.get(-g - 1);
            if (!effective(group).get(bit) || rules.allowPermissionSets().contains(group.name)) {
                continue;
            }
            for (int s : group.members) {
                SetDef d = sets.get(s);
                if (d.perms.get(bit) && !rules.allowPermissionSets().contains(d.name)) {
                    out.add(u.username + " ← group " + group.name + " ← permission set " + d.name);
                }
            }
        }
        return out;
    }

    private Finding finding(AuditRule rule, String subject, String evidence, List<String> paths) {
        return new Finding(
                rule.id(),
                subject,
                rules.severity(rule),
                rule.title(),
                evidence,
                paths,
                rule.remediation(),
                rule.symptom());
    }

    private void appFindings(List<Finding> findings) {
        Map<String, AuditRows.App> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (AuditRows.App a : apps) {
            byName.put(a.name(), a);
            String subject = a.name();
            if (a.permittedUsers() != null && !ADMIN_APPROVED.equalsIgnoreCase(a.permittedUsers())) {
                findings.add(finding(
                        AuditRule.APP_ALL_USERS,
                        subject,
                        a.kind() + " permitted users: " + a.permittedUsers(),
                        List.of()));
            }
            if (a.ipRelaxation() != null && !"Enforce".equalsIgnoreCase(a.ipRelaxation())) {
                findings.add(
                        finding(AuditRule.APP_IP_RELAXATION, subject, "IP relaxation: " + a.ipRelaxation(), List.of()));
            }
            if ("Infinite".equalsIgnoreCase(a.refreshTokenPolicy())) {
                findings.add(finding(
                        AuditRule.APP_REFRESH_TOKEN, subject, "refresh token policy: valid until revoked", List.of()));
            }
            List<String> broad = a.scopes().stream()
                    .filter(s -> BROAD_SCOPES.contains(s.toLowerCase(Locale.ROOT)))
                    .toList();
            if (!broad.isEmpty()) {
                findings.add(finding(
                        AuditRule.APP_SCOPES, subject, "scopes " + a.scopes() + " include " + broad, List.of()));
            }
            if (!a.extraFlows().isEmpty()) {
                findings.add(finding(AuditRule.APP_FLOWS, subject, "also enabled: " + a.extraFlows(), List.of()));
            }
            if (Boolean.FALSE.equals(a.installed())) {
                findings.add(finding(
                        AuditRule.APP_NOT_INSTALLED, subject, a.kind() + " exists but is not installed", List.of()));
            }
        }
        tokens.forEach((app, t) -> {
            AuditRows.App a = byName.get(app);
            String evidence = t.tokens + " token(s) of " + t.users.size() + " user(s), used " + t.uses
                    + " time(s); e.g. " + t.sample;
            if (a == null || Boolean.FALSE.equals(a.installed())) {
                findings.add(finding(AuditRule.APP_USED_NOT_INSTALLED, app, evidence, List.of()));
            } else if (a.permittedUsers() != null && !ADMIN_APPROVED.equalsIgnoreCase(a.permittedUsers())) {
                findings.add(finding(
                        AuditRule.TOKEN_UNAPPROVED,
                        app,
                        evidence + "; permitted users: " + a.permittedUsers(),
                        List.of()));
            }
        });
    }

    private void networkFindings(List<Finding> findings) {
        if (network == null) {
            return;
        }
        ranges(
                network.trustedRanges(),
                "org trusted ranges",
                AuditRule.TRUSTED_BROAD,
                AuditRule.TRUSTED_OVERLAP,
                findings);
        new TreeMap<>(network.profileLoginRanges())
                .forEach((profile, list) -> ranges(
                        list, "profile '" + profile + "'", AuditRule.LOGIN_BROAD, AuditRule.LOGIN_OVERLAP, findings));
        if (Boolean.FALSE.equals(network.lockSessionsToIp())) {
            findings.add(finding(AuditRule.SESSION_LOCK, "org", "SessionSettings.lockSessionsToIp = false", List.of()));
        }
    }

    private void ranges(
            List<IpRange> list, String where, AuditRule broadRule, AuditRule overlapRule, List<Finding> findings) {
        for (IpRange r : list) {
            if (r.size().compareTo(r.isIpv4() ? Verifier.OVER_BROAD_IPV4 : Verifier.OVER_BROAD_IPV6) > 0) {
                findings.add(finding(
                        broadRule,
                        where + " " + r,
                        r + " trusts " + r.size() + " addresses"
                                + (r.description() == null ? "" : " ('" + r.description() + "')"),
                        List.of()));
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                IpRange a = list.get(i);
                IpRange b = list.get(j);
                if (a.overlaps(b) && seen.add(a + "|" + b)) {
                    findings.add(finding(
                            overlapRule,
                            where + " " + a + " / " + b,
                            a + " and " + b + " overlap"
                                    + (a.contains(b) || b.contains(a) ? " (one contains the other)" : ""),
                            List.of()));
                }
            }
        }
    }

    private void apiFindings(List<Finding> findings) {
        if (apiUsage == null || apiUsage.max() <= 0) {
            return;
        }
        long usable = apiUsage.max() - apiUsage.max() * apiUsage.reservePercent() / 100;
        if (apiUsage.used() >= usable * NEAR_RESERVE) {
            String evidence = apiUsage.used() + " of " + apiUsage.max() + " daily API requests used; reserve "
                    + apiUsage.reservePercent() + "% starts at " + usable
                    + (apiUsage.used() >= usable ? " (reached)" : "");
            findings.add(finding(AuditRule.API_RESERVE, "org", evidence, List.of()));
        }
    }

    /** Severity of a rule after the rules file's overrides (the renderers show it per rule). */
    public Check.Severity severity(AuditRule rule) {
        return rules.severity(rule);
    }
}
