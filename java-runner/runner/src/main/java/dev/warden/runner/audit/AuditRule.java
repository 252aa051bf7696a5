package dev.warden.runner.audit;

import dev.warden.runner.verify.Check;
import dev.warden.runner.verify.Verifier;

/** The audit's rules: stable ids (findings are {@code id:subject}), default severity, fix, and the seed symptom each prevents. */
public enum AuditRule {
    TIER_FULL(
            "tier.full-org-compromise",
            "Holds a permission that compromises the whole org",
            Check.Severity.HIGH,
            "remove the permission from the listed permission sets, groups or profile (or mute it in the group); list deliberate admins under allow.users in the rules file",
            "every seed asks for System Administrator 'to make it work' (seeds 000, 002)"),
    TIER_IDENTITY(
            "tier.identity-takeover",
            "Holds a permission that can take over other identities",
            Check.Severity.HIGH,
            "remove the permission from the listed sources; user and permission-set management belongs to a few named admins",
            "assignments overwritten by a deployment"),
    TIER_DATA(
            "tier.data-exposure",
            "Holds a permission that exposes data beyond sharing",
            Check.Severity.MEDIUM,
            "remove View All / Modify All / Query All Files / Export Reports where the job does not need them",
            "vendors ask for View All Data and Query All Files (seeds 000, 004)"),
    TIER_CONTROL(
            "tier.control-weakening",
            "Holds a permission that weakens a security control",
            Check.Severity.LOW,
            "remove the permission; password, IP and session controls are for security admins",
            "Password Never Expires on an integration user (seed 000)"),
    INTEGRATION_NOT_API_ONLY(
            "integration.not-api-only",
            "Integration user is not API-only",
            Check.Severity.HIGH,
            "give the user the Minimum Access - API Only Integrations profile (or the API Only User permission): warden provision does it",
            "integration user left on System Administrator after the connection step (seed 000 step 1)"),
    INTEGRATION_INTERACTIVE(
            "integration.interactive-login",
            "Integration user holds interactive-login permissions",
            Check.Severity.MEDIUM,
            "remove the UI-only permissions; an API integration never logs in through the browser",
            "integration user left on System Administrator after the connection step (seed 000 step 1)"),
    INTEGRATION_PASSWORD(
            "integration.password-never-expires",
            "Integration user has Password Never Expires",
            Check.Severity.MEDIUM,
            "remove Password Never Expires; use JWT bearer (no password) instead",
            "Password Never Expires on an integration user (seed 000)"),
    INTEGRATION_FULL_LICENSE(
            "integration.full-license",
            "Integration user sits on a full Salesforce license",
            Check.Severity.HIGH,
            "switch to the Salesforce Integration license and the API-only profile: warden provision does it with a snapshot and re-assigns at once",
            Verifier.SYMPTOM_LICENSE_CHANGE + " (the switch was never done: seed 000 step 3)"),
    APP_ALL_USERS(
            "app.all-users",
            "App usable by all users, not admin-approved",
            Check.Severity.HIGH,
            "set Permitted Users to 'Admin approved users are pre-authorized' and pre-authorize one permission set without a license",
            Verifier.SYMPTOM_NOT_APPROVED + " (opening the app to all users is the usual workaround)"),
    APP_IP_RELAXATION(
            "app.ip-relaxation",
            "App relaxes IP restrictions",
            Check.Severity.MEDIUM,
            "set IP Relaxation to 'Enforce IP restrictions' and trust the vendor's published ranges instead",
            "vendors ask to relax IP restrictions (seed 003)"),
    APP_REFRESH_TOKEN(
            "app.refresh-token",
            "App refresh tokens valid until revoked",
            Check.Severity.MEDIUM,
            "choose a finite refresh token policy (JWT bearer needs none)",
            "'Refresh token is valid until revoked' (seed 003)"),
    APP_SCOPES(
            "app.scopes",
            "App asks for broad OAuth scopes",
            Check.Severity.MEDIUM,
            "drop Full and Web access; api (and refresh_token if needed) is enough for an integration",
            "vendors ask for web and refresh_token next to api (seed 003)"),
    APP_FLOWS(
            "app.flows",
            "App has extra OAuth flows enabled",
            Check.Severity.MEDIUM,
            "turn off client credentials, device, token exchange and code-and-credential flows the integration does not use",
            "only JWT bearer is needed (seed 003: 'Enable JWT Bearer Flow')"),
    APP_NOT_INSTALLED(
            "app.not-installed",
            "App not installed in Connected Apps OAuth Usage",
            Check.Severity.MEDIUM,
            "install it (Setup > Connected Apps OAuth Usage > Install) or delete it",
            Verifier.SYMPTOM_BLOCKED),
    APP_USED_NOT_INSTALLED(
            "app.used-not-installed",
            "App holds OAuth tokens but is not installed",
            Check.Severity.MEDIUM,
            "install and restrict the app, or revoke its tokens (Setup > Connected Apps OAuth Usage)",
            Verifier.SYMPTOM_BLOCKED),
    TOKEN_UNAPPROVED(
            "token.unapproved-app",
            "OAuth tokens granted to an app that is not admin-approved",
            Check.Severity.MEDIUM,
            "revoke the tokens and make the app admin-approved with pre-authorization",
            Verifier.SYMPTOM_NOT_APPROVED),
    TRUSTED_BROAD(
            "network.trusted-range-broad",
            "Trusted IP range over-broad (wider than a /16)",
            Check.Severity.MEDIUM,
            "narrow it to the vendor's published egress ranges (Setup > Network Access)",
            "'add these IPs to your trusted IP range' (seed 003)"),
    TRUSTED_OVERLAP(
            "network.trusted-range-overlap",
            "Trusted IP ranges overlap",
            Check.Severity.LOW,
            "merge or remove the overlapping ranges so each trust decision has one owner",
            "'add these IPs to your trusted IP range' (seed 003)"),
    LOGIN_BROAD(
            "network.login-range-broad",
            "Profile login IP range over-broad (wider than a /16)",
            Check.Severity.MEDIUM,
            "narrow the profile's login IP ranges",
            "per-profile Login IP Ranges (seeds 000, 002)"),
    LOGIN_OVERLAP(
            "network.login-range-overlap",
            "Profile login IP ranges overlap",
            Check.Severity.LOW,
            "merge the overlapping login ranges of the profile",
            "per-profile Login IP Ranges (seeds 000, 002)"),
    SESSION_LOCK(
            "session.lock-to-ip-off",
            "Sessions not locked to the IP they started from",
            Check.Severity.LOW,
            "turn on 'Lock sessions to the IP address from which they originated' where the integrations allow it",
            "'make sure Lock sessions to the IP address ... is not selected' (seed 004)"),
    API_RESERVE(
            "api.near-reserve",
            "Daily API usage near the reserve",
            Check.Severity.MEDIUM,
            "find the caller in Setup > Company Information > API Requests; integrations must leave the reserve unused",
            "REQUEST_LIMIT_EXCEEDED for every integration (seed 004 throttling note)");

    private final String id;
    private final String title;
    private final Check.Severity severity;
    private final String remediation;
    private final String symptom;

    AuditRule(String id, String title, Check.Severity severity, String remediation, String symptom) {
        this.id = id;
        this.title = title;
        this.severity = severity;
        this.remediation = remediation;
        this.symptom = symptom;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Check.Severity severity() {
        return severity;
    }

    public String remediation() {
        return remediation;
    }

    public String symptom() {
        return symptom;
    }

    public static AuditRule of(String id) {
        for (AuditRule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        return null;
    }

    public static AuditRule forTier(Tier t) {
        return switch (t) {
            case FULL_ORG_COMPROMISE -> TIER_FULL;
            case IDENTITY_TAKEOVER -> TIER_IDENTITY;
            case DATA_EXPOSURE -> TIER_DATA;
            case CONTROL_WEAKENING -> TIER_CONTROL;
        };
    }
}
