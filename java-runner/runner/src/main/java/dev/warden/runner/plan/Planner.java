package dev.warden.runner.plan;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.blueprint.BlueprintSource;
import dev.warden.runner.blueprint.IpRange;
import dev.warden.runner.journal.Journal;
import dev.warden.runner.org.OrgModel.EcaState;
import dev.warden.runner.org.OrgModel.NewUser;
import dev.warden.runner.org.OrgModel.UserState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Desired (blueprint) plus observed (org, journal) to ordered steps. Pure: no I/O, same input same plan.
 * Every difference becomes a step with the reason it exists; no difference, no step, so a second run writes nothing.
 */
public final class Planner {

    public static final String OAUTH_POLICY_PRE_AUTHORIZED = "AdminApprovedPreAuthorized";

    public Plan plan(Blueprint b, Observed o, Journal journal) {
        String username = b.usernameFor(o.orgId());
        checkNamesExist(b, o);
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String journalReason = journalReason(journal);

        boolean creating = o.user() == null;
        String startProfile = creating
                ? (b.bootstrap() != null
                        ? b.bootstrap().profile()
                        : b.finalPhase().profile())
                : o.user().profileName();
        if (creating) {
            steps.add(new Step(
                    "create user " + username + " with profile '" + startProfile + "'",
                    "no user " + username + " in the org"
                            + (b.bootstrap() != null
                                    ? "; the blueprint connects it with a bootstrap profile first"
                                    : ""),
                    List.of(username),
                    1,
                    new StepAction.CreateUser(newUser(b, o, startProfile))));
            if (b.bootstrap() != null && !b.bootstrap().permissionSets().isEmpty()) {
                steps.add(new Step(
                        "assign bootstrap permission sets " + b.bootstrap().permissionSets(),
                        "the blueprint's bootstrap phase holds them only while connecting",
                        b.bootstrap().permissionSets(),
                        1,
                        new StepAction.AssignBootstrapPermissionSets(
                                permissionSetIds(o, b.bootstrap().permissionSets()))));
            }
        }

        List<Step> appSteps = appSteps(b, o, notes);
        List<Step> networkSteps = networkSteps(b, o, notes);
        boolean needsApproval = !appSteps.isEmpty();
        boolean approvalAssigned = o.approvalAssignmentId() != null;
        if (b.approval() != null && needsApproval && !approvalAssigned) {
            steps.add(new Step(
                    "assign " + b.approval().permissionSet() + " to the installing admin "
                            + o.admin().username() + " (temporary)",
                    "the app's OAuth settings and policies change in this run and need the approval permission set",
                    List.of(b.approval().permissionSet()),
                    1,
                    new StepAction.AssignApprovalPermissionSet(
                            o.admin().id(),
                            b.approval().permissionSet(),
                            o.permissionSets().get(b.approval().permissionSet()).id())));
        }
        steps.addAll(appSteps);
        steps.addAll(networkSteps);

        Set<String> desiredPsl = new TreeSet<>(b.finalPhase().permissionSetLicenses());
        Set<String> desiredPs = new TreeSet<>(b.desiredPermissionSets());
        boolean switching = !b.finalPhase().profile().equals(startProfile);
        if (switching) {
            String from = creating
                    ? "'" + startProfile + "' (bootstrap)"
                    : "'" + o.user().profileName() + "' (" + o.user().licenseName() + ")";
            steps.add(new Step(
                    "switch " + username + " from " + from + " to '"
                            + b.finalPhase().profile() + "' (" + b.finalPhase().license() + "), then at once assign "
                            + join(desiredPsl) + " and " + join(desiredPs),
                    (creating
                                    ? "the user is created in its bootstrap phase"
                                    : "the user is on profile '" + o.user().profileName() + "', the blueprint wants '"
                                            + b.finalPhase().profile() + "'")
                            + "; a license switch removes every permission set assignment, so the snapshot is journaled first and restored on failure"
                            + journalReason,
                    concat(List.of(b.finalPhase().profile()), desiredPsl, desiredPs),
                    1 + desiredPsl.size() + (desiredPs.isEmpty() ? 0 : 1),
                    switchLicense(b, o, desiredPsl, desiredPs)));
        } else {
            Set<String> missingPsl = new TreeSet<>(desiredPsl);
            missingPsl.removeAll(o.access().pslNames());
            if (!missingPsl.isEmpty()) {
                steps.add(new Step(
                        "assign permission set licenses " + join(missingPsl) + " to " + username,
                        (creating ? "new user" : "missing on the user (drift)")
                                + "; PSLs go before permission sets that need them" + journalReason,
                        new ArrayList<>(missingPsl),
                        missingPsl.size(),
                        new StepAction.AssignPermissionSetLicenses(licenseIds(o, missingPsl))));
            }
            Set<String> missingPs = new TreeSet<>(desiredPs);
            missingPs.removeAll(o.access().permissionSetNames());
            if (!missingPs.isEmpty()) {
                steps.add(new Step(
                        "assign permission sets " + join(missingPs) + " to " + username,
                        (creating ? "new user" : "missing on the user (drift: a deployment or an admin removed them)")
                                + journalReason,
                        new ArrayList<>(missingPs),
                        1,
                        new StepAction.AssignPermissionSets(permissionSetIds(o, missingPs))));
            }
            if (b.bootstrap() != null) {
                Set<String> leftover = new TreeSet<>(b.bootstrap().permissionSets());
                leftover.removeAll(desiredPs);
                leftover.retainAll(o.access().permissionSetNames());
                if (!leftover.isEmpty()) {
                    steps.add(new Step(
                            "remove bootstrap permission sets " + join(leftover) + " from " + username,
                            "the user is in its final phase but still holds permission sets meant only for connecting",
                            new ArrayList<>(leftover),
                            1,
                            new StepAction.RemoveBootstrapPermissionSets(o.access().permissionSets().stream()
                                    .filter(a -> leftover.contains(a.name()))
                                    .toList())));
                }
            }
        }

        if (b.approval() != null && b.approval().temporary() && (approvalAssigned || (needsApproval))) {
            steps.add(new Step(
                    "remove " + b.approval().permissionSet() + " from the installing admin "
                            + o.admin().username(),
                    approvalAssigned && !needsApproval
                            ? "it is still assigned from an earlier run; it is temporary"
                            : "it is temporary: held only while the app is configured",
                    List.of(b.approval().permissionSet()),
                    1,
                    new StepAction.RemoveApprovalPermissionSet(
                            o.admin().id(), b.approval().permissionSet(), o.approvalAssignmentId())));
        }
        if (o.user() != null) {
            Set<String> excess = new TreeSet<>(o.access().permissionSetNames());
            excess.removeAll(desiredPs);
            if (b.bootstrap() != null) {
                excess.removeAll(b.bootstrap().permissionSets());
            }
            if (!excess.isEmpty() && !switching) {
                notes.add("the user also holds " + join(excess)
                        + ", which the blueprint does not list; provision leaves them"
                        + " (verify reports them as perms.excess)");
            }
        }
        return new Plan(o.orgId(), username, o.user() == null ? null : o.user().id(), steps, notes);
    }

    private List<Step> appSteps(Blueprint b, Observed o, List<String> notes) {
        Blueprint.App app = b.app();
        if (app == null) {
            return List.of();
        }
        EcaState eca = o.eca();
        if (eca == null) {
            notes.add("the External Client App " + app.eca()
                    + " could not be read (no Metadata API): its settings are not planned");
            return List.of();
        }
        if (!eca.installed()) {
            throw new PlanException(b.where("/app/eca") + ": app.eca: External Client App '" + app.eca()
                    + "' is not in the org; deploy the package that defines it first (warden deploy)");
        }
        List<Step> steps = new ArrayList<>();
        if (app.generatesCertificate()) {
            String reason = null;
            if (!eca.globalSettings()) {
                reason = "the app has no global OAuth settings yet, so JWT bearer is off";
            } else if (o.localCertificate() == null) {
                reason = "this machine holds no key pair for the org; a new one replaces the app's certificate";
            } else if (eca.certificate() == null || !sameCertificate(eca.certificate(), o.localCertificate())) {
                reason = "the app's certificate is not the one of this machine's key pair";
            }
            if (reason != null) {
                steps.add(new Step(
                        "deploy the global OAuth settings of " + app.eca()
                                + " (generated certificate, generated consumer key)",
                        reason,
                        List.of(app.eca()),
                        1,
                        globalOauth(b, eca)));
            }
        } else if (!eca.globalSettings()) {
            steps.add(new Step(
                    "deploy the global OAuth settings of " + app.eca() + " with the certificate " + app.certificate(),
                    "the app has no global OAuth settings yet, so JWT bearer is off",
                    List.of(app.eca()),
                    1,
                    globalOauth(b, eca)));
        }
        if (Boolean.FALSE.equals(eca.usageInstalled())) {
            steps.add(new Step(
                    "install " + app.eca() + " in Connected Apps OAuth Usage",
                    "the app is not installed, so every login through it fails with OAUTH_APP_BLOCKED",
                    List.of(app.eca()),
                    1,
                    new StepAction.InstallApp(app.eca())));
        }
        List<String> drift = policyDrift(app, eca);
        if (!drift.isEmpty()) {
            steps.add(new Step(
                    "set the OAuth policies of " + app.eca() + ": pre-authorized by " + app.preAuthorizedBy() + ", IP "
                            + app.ipRelaxation() + ", refresh tokens "
                            + app.refreshToken().policy() + ", extra flows off",
                    String.join("; ", drift),
                    List.of(app.eca()),
                    1,
                    new StepAction.UpsertOauthPolicies(app)));
        }
        return steps;
    }

    static List<String> policyDrift(Blueprint.App app, EcaState eca) {
        List<String> drift = new ArrayList<>();
        if (!OAUTH_POLICY_PRE_AUTHORIZED.equals(eca.permittedUsers())) {
            drift.add("permitted users is " + (eca.permittedUsers() == null ? "not set" : eca.permittedUsers())
                    + ", not admin-approved pre-authorized");
        }
        if (app.preAuthorizedBy() != null
                && !List.of(app.preAuthorizedBy()).equals(eca.preAuthorizingPermissionSets())) {
            drift.add("pre-authorized by "
                    + (eca.preAuthorizingPermissionSets().isEmpty()
                            ? "no permission set"
                            : eca.preAuthorizingPermissionSets())
                    + ", not exactly " + app.preAuthorizedBy());
        }
        if (!eca.preAuthorizingProfiles().isEmpty()) {
            drift.add("profiles " + eca.preAuthorizingProfiles() + " are pre-authorized too");
        }
        if (!app.ipRelaxation().equals(eca.ipRelaxation())) {
            drift.add("IP relaxation is " + orNotSet(eca.ipRelaxation()) + ", not " + app.ipRelaxation());
        }
        if (!app.refreshToken().policy().equals(eca.refreshTokenPolicy())) {
            drift.add("refresh token policy is " + orNotSet(eca.refreshTokenPolicy()) + ", not "
                    + app.refreshToken().policy());
        }
        if (!eca.enabledExtraFlows().isEmpty()) {
            drift.add("extra flows on: " + eca.enabledExtraFlows());
        }
        return drift;
    }

    private List<Step> networkSteps(Blueprint b, Observed o, List<String> notes) {
        List<IpRange> wanted = b.network().ranges();
        if (wanted.isEmpty()) {
            return List.of();
        }
        if (o.network() == null) {
            notes.add("network settings could not be read (no Metadata API): trusted ranges are not planned");
            return List.of();
        }
        List<Step> steps = new ArrayList<>();
        List<IpRange> missing = missingRanges(wanted, o.network().trustedRanges());
        if (!missing.isEmpty()) {
            steps.add(new Step(
                    "add trusted IP ranges " + missing + " (keeping the org's "
                            + o.network().trustedRanges().size() + " existing ones)",
                    "the blueprint's ranges are not all trusted; Network Access is replaced on deploy, so the complete merged list is written",
                    missing.stream().map(IpRange::toString).toList(),
                    1,
                    new StepAction.WriteTrustedRanges(merge(o.network().trustedRanges(), missing))));
        }
        if ("ifAlreadyUsed".equals(b.network().profileLoginRanges())
                && !o.network().profileLoginRanges().isEmpty()) {
            List<IpRange> missingLogin = missingRanges(wanted, o.network().profileLoginRanges());
            if (!missingLogin.isEmpty()) {
                steps.add(new Step(
                        "add login IP ranges " + missingLogin + " to profile '"
                                + b.finalPhase().profile() + "'",
                        "the profile already restricts logins by IP, so without them the integration could not log in",
                        missingLogin.stream().map(IpRange::toString).toList(),
                        1,
                        new StepAction.WriteProfileLoginRanges(
                                b.finalPhase().profile(), merge(o.network().profileLoginRanges(), missingLogin))));
            }
        }
        return steps;
    }

    private static NewUser newUser(Blueprint b, Observed o, String profile) {
        Blueprint.IntegrationUser u = b.integrationUser();
        String alias = u.alias() != null
                ? u.alias()
                : u.username().substring(0, Math.min(8, u.username().indexOf('@')));
        return new NewUser(
                b.usernameFor(o.orgId()),
                u.email(),
                alias,
                u.firstName(),
                u.lastName() == null ? "Integration" : u.lastName(),
                o.profiles().get(profile));
    }

    private static StepAction.SwitchLicense switchLicense(
            Blueprint b, Observed o, Set<String> desiredPsl, Set<String> desiredPs) {
        UserState user = o.user();
        StepAction.Before from = user != null
                ? new StepAction.Before(user.profileId(), user.profileName(), user.licenseName())
                : new StepAction.Before(
                        o.profiles().get(b.bootstrap().profile()),
                        b.bootstrap().profile(),
                        b.bootstrap().license());
        Set<String> bootstrapOnly = new TreeSet<>();
        if (b.bootstrap() != null) {
            bootstrapOnly.addAll(b.bootstrap().permissionSets());
            bootstrapOnly.removeAll(desiredPs);
        }
        return new StepAction.SwitchLicense(
                from,
                o.profiles().get(b.finalPhase().profile()),
                user != null && !user.active(),
                licenseIds(o, desiredPsl),
                permissionSetIds(o, desiredPs),
                bootstrapOnly,
                b.bootstrap() == null ? null : b.bootstrap().profile());
    }

    private static StepAction.DeployGlobalOauthSettings globalOauth(Blueprint b, EcaState eca) {
        Blueprint.App app = b.app();
        return app.generatesCertificate()
                ? new StepAction.DeployGlobalOauthSettings(app.eca(), null, null, null, app.callbackUrl())
                : new StepAction.DeployGlobalOauthSettings(
                        app.eca(),
                        app.certificate(),
                        b.where("/app/certificate"),
                        eca.consumerKey(),
                        app.callbackUrl());
    }

    private static Map<String, String> permissionSetIds(Observed o, java.util.Collection<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(n, o.permissionSets().get(n).id()));
        return out;
    }

    private static Map<String, String> licenseIds(Observed o, java.util.Collection<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(n, o.permissionSetLicenses().get(n)));
        return out;
    }

    /** The complete list to write: Network Access and login ranges are replaced on deploy, so the org's are kept. */
    private static List<IpRange> merge(List<IpRange> existing, List<IpRange> missing) {
        List<IpRange> out = new ArrayList<>(existing);
        out.addAll(missing);
        return out;
    }

    public static List<IpRange> missingRanges(List<IpRange> wanted, List<IpRange> present) {
        return wanted.stream()
                .filter(w -> present.stream().noneMatch(p -> p.contains(w)))
                .toList();
    }

    /** Every name the plan would use must exist in the org; otherwise it is the blueprint that is wrong (exit 2). */
    private void checkNamesExist(Blueprint b, Observed o) {
        List<String> ps = b.finalPhase().permissionSets();
        for (int i = 0; i < ps.size(); i++) {
            requirePermissionSet(b, o, ps.get(i), "/final/permissionSets/" + i);
        }
        if (b.app() != null && b.app().preAuthorizedBy() != null) {
            requirePermissionSet(b, o, b.app().preAuthorizedBy(), "/app/preAuthorizedBy");
        }
        if (b.approval() != null) {
            requirePermissionSet(b, o, b.approval().permissionSet(), "/approval/permissionSet");
        }
        if (b.bootstrap() != null && o.user() == null) {
            List<String> bps = b.bootstrap().permissionSets();
            for (int i = 0; i < bps.size(); i++) {
                requirePermissionSet(b, o, bps.get(i), "/bootstrap/permissionSets/" + i);
            }
            requireProfile(b, o, b.bootstrap().profile(), "/bootstrap/profile");
        }
        requireProfile(b, o, b.finalPhase().profile(), "/final/profile");
        List<String> psl = b.finalPhase().permissionSetLicenses();
        for (int i = 0; i < psl.size(); i++) {
            if (!o.permissionSetLicenses().containsKey(psl.get(i))) {
                throw new PlanException(
                        b.where("/final/permissionSetLicenses/" + i) + ": "
                                + BlueprintSource.readable("/final/permissionSetLicenses/" + i)
                                + ": permission set license '" + psl.get(i)
                                + "' does not exist in the org (the Salesforce Integration license brings SalesforceAPIIntegrationPsl)");
            }
        }
    }

    private static void requirePermissionSet(Blueprint b, Observed o, String name, String pointer) {
        if (!o.permissionSets().containsKey(name)) {
            throw new PlanException(
                    b.where(pointer) + ": " + BlueprintSource.readable(pointer) + ": permission set '" + name
                            + "' does not exist in the org; deploy the package that defines it (warden deploy) or fix the name");
        }
    }

    private static void requireProfile(Blueprint b, Observed o, String name, String pointer) {
        if (!o.profiles().containsKey(name)) {
            throw new PlanException(b.where(pointer) + ": " + BlueprintSource.readable(pointer) + ": profile '" + name
                    + "' does not exist in the org");
        }
    }

    private static String journalReason(Journal journal) {
        if (journal == null || !journal.switchFailed()) {
            return "";
        }
        String when = journal.snapshot() == null
                ? ""
                : " (snapshot taken " + journal.snapshot().takenAt() + ")";
        return switch (journal.switchState()) {
            case Journal.SWITCH_RESTORED ->
                "; the journal shows the last license switch failed and was rolled back" + when;
            case Journal.SWITCH_RESTORE_FAILED ->
                "; the journal shows the last license switch failed and its rollback did not finish" + when;
            default -> "; the journal shows a license switch that started and never finished" + when;
        };
    }

    private static String orNotSet(String value) {
        return value == null ? "not set" : value;
    }

    static boolean sameCertificate(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private static String join(Set<String> names) {
        return names.isEmpty() ? "nothing" : String.join(", ", names);
    }

    @SafeVarargs
    private static List<String> concat(java.util.Collection<String>... parts) {
        Set<String> all = new LinkedHashSet<>();
        for (var p : parts) {
            all.addAll(p);
        }
        return new ArrayList<>(all);
    }
}
