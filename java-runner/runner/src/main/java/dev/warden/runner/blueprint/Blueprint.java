package dev.warden.runner.blueprint;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The desired state of one integration identity: who the user is, what it holds while connecting (bootstrap) and
 * afterwards (final), which External Client App it logs in through, which networks it comes from, and which
 * temporary permission set the installing admin holds during setup. Pure data; {@link BlueprintLoader} validates it.
 */
public record Blueprint(
        String name,
        String description,
        IntegrationUser integrationUser,
        Phase bootstrap,
        @JsonProperty("final") FinalPhase finalPhase,
        App app,
        Network network,
        Approval approval,
        List<String> allowedPermissions,
        List<String> packageTriggers,
        Integer apiReservePercent,
        @JsonIgnore BlueprintSource source) {

    public Blueprint {
        allowedPermissions = allowedPermissions == null ? List.of() : List.copyOf(allowedPermissions);
        packageTriggers = packageTriggers == null ? List.of() : List.copyOf(packageTriggers);
        network = network == null ? new Network(List.of(), null) : network;
    }

    public Blueprint withSource(BlueprintSource s) {
        return new Blueprint(
                name,
                description,
                integrationUser,
                bootstrap,
                finalPhase,
                app,
                network,
                approval,
                allowedPermissions,
                packageTriggers,
                apiReservePercent,
                s);
    }

    /**
     * This blueprint for the package installed in {@code ns}: the same names. Everything a blueprint names by the
     * package keeps its bare {@code Name} in a namespace and gets {@code NamespacePrefix} instead — permission sets,
     * custom permissions, Apex triggers and classes (Salesforce's records; the local org's install does the same,
     * docs/local-org.md "Package install and namespaces"; first tried qualified, PackageIT showed
     * {@code wdn__Warden_Integration} is no PermissionSet.Name). Only custom objects and fields are qualified, and the
     * blueprint names none; the quarantine flow's are qualified by {@code NamespacedQuarantineApi}. Not done: telling a
     * packaged set from an unpackaged one of the same name by {@code NamespacePrefix}. UNCONFIRMED: how a namespaced
     * External Client App is named (the local org keeps it bare).
     */
    public Blueprint inNamespace(Namespace ns) {
        return this;
    }

    /** The username with {@code {orgId}} replaced, so one blueprint serves many orgs. */
    public String usernameFor(String orgId) {
        return integrationUser.username().replace("{orgId}", orgId == null ? "" : orgId.toLowerCase());
    }

    /** Permission sets the integration user must hold when done: the final ones plus the app's pre-authorizing set. */
    public List<String> desiredPermissionSets() {
        Set<String> all = new LinkedHashSet<>(finalPhase.permissionSets());
        if (app != null && app.preAuthorizedBy() != null) {
            all.add(app.preAuthorizedBy());
        }
        return new ArrayList<>(all);
    }

    /** Where a blueprint element was written ({@code file:line}), for error messages. */
    public String where(String pointer) {
        return source == null ? pointer : source.where(pointer);
    }

    public record IntegrationUser(String username, String email, String alias, String firstName, String lastName) {}

    /** What the user holds while connecting; absent when the user is created straight into its final state. */
    public record Phase(String profile, String license, List<String> permissionSets) {
        public Phase {
            permissionSets = permissionSets == null ? List.of() : List.copyOf(permissionSets);
        }
    }

    public record FinalPhase(
            String license, String profile, List<String> permissionSetLicenses, List<String> permissionSets) {
        public FinalPhase {
            permissionSetLicenses = permissionSetLicenses == null ? List.of() : List.copyOf(permissionSetLicenses);
            permissionSets = permissionSets == null ? List.of() : List.copyOf(permissionSets);
        }
    }

    /**
     * The External Client App the integration logs in through.
     *
     * @param certificate {@code generated} (the runner makes a key pair per org) or a path to a PEM certificate
     *     whose private key the vendor keeps (then the runner cannot test the JWT login itself)
     */
    public record App(
            String eca,
            String preAuthorizedBy,
            List<String> scopes,
            RefreshToken refreshToken,
            String ipRelaxation,
            String certificate,
            String callbackUrl) {
        public App {
            scopes = scopes == null ? List.of("Api") : List.copyOf(scopes);
            refreshToken = refreshToken == null ? new RefreshToken("Zero", null, null) : refreshToken;
            ipRelaxation = ipRelaxation == null ? "Enforce" : ipRelaxation;
            certificate = certificate == null ? "generated" : certificate;
            callbackUrl = callbackUrl == null ? "http://localhost:1717/OauthRedirect" : callbackUrl;
        }

        public boolean generatesCertificate() {
            return "generated".equals(certificate);
        }
    }

    public record RefreshToken(String policy, Integer validity, String unit) {}

    /**
     * @param profileLoginRanges {@code ifAlreadyUsed} (default: add the ranges to the profile only when it already
     *     restricts logins, as the vendors advise), {@code never}
     */
    public record Network(List<TrustedRange> trustedRanges, String profileLoginRanges) {
        public Network {
            trustedRanges = trustedRanges == null ? List.of() : List.copyOf(trustedRanges);
            profileLoginRanges = profileLoginRanges == null ? "ifAlreadyUsed" : profileLoginRanges;
        }

        public List<IpRange> ranges() {
            return trustedRanges.stream().map(TrustedRange::toIpRange).toList();
        }
    }

    /** One trusted range as written: {@code "10.0.0.0/24"} or {@code {range: ..., description: ...}}. */
    public record TrustedRange(String range, String description) {
        @com.fasterxml.jackson.annotation.JsonCreator(
                mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        public static TrustedRange of(String range) {
            return new TrustedRange(range, null);
        }

        @com.fasterxml.jackson.annotation.JsonCreator(
                mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.PROPERTIES)
        public static TrustedRange of(
                @JsonProperty("range") String range, @JsonProperty("description") String description) {
            return new TrustedRange(range, description);
        }

        public IpRange toIpRange() {
            return IpRange.parse(range, description == null ? "Warden: " + range : description)
                    .checkSalesforceLimit();
        }
    }

    /** The permission set the installing admin holds only while the app is installed and connected. */
    public record Approval(String permissionSet, Boolean temporary) {
        public Approval {
            temporary = temporary == null ? Boolean.TRUE : temporary;
        }
    }
}
