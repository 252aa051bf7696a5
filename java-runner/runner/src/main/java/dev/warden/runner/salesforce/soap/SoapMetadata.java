package dev.warden.runner.salesforce.soap;

import com.sforce.soap.metadata.AsyncResult;
import com.sforce.soap.metadata.DeployMessage;
import com.sforce.soap.metadata.DeployOptions;
import com.sforce.soap.metadata.DeployResult;
import com.sforce.soap.metadata.ExternalClientApplication;
import com.sforce.soap.metadata.ExtlClntAppConfigurablePolicies;
import com.sforce.soap.metadata.ExtlClntAppGlobalOauthSettings;
import com.sforce.soap.metadata.ExtlClntAppOauthConfigurablePolicies;
import com.sforce.soap.metadata.ExtlClntAppOauthSettings;
import com.sforce.soap.metadata.IpRange;
import com.sforce.soap.metadata.Metadata;
import com.sforce.soap.metadata.MetadataConnection;
import com.sforce.soap.metadata.NetworkAccess;
import com.sforce.soap.metadata.PermittedUsersPolicyType;
import com.sforce.soap.metadata.Profile;
import com.sforce.soap.metadata.ProfileLoginIpRange;
import com.sforce.soap.metadata.RefreshTokenPolicyType;
import com.sforce.soap.metadata.SaveResult;
import com.sforce.soap.metadata.SecuritySettings;
import com.sforce.soap.metadata.SessionSecurityLevel;
import com.sforce.soap.metadata.UpsertResult;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import com.sforce.ws.SoapFaultException;
import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.org.MetadataPort;
import dev.warden.runner.org.OrgModel.EcaState;
import dev.warden.runner.org.OrgModel.NetworkState;
import dev.warden.runner.salesforce.ApiBudget;
import dev.warden.runner.salesforce.CallCounter;
import dev.warden.runner.salesforce.Parallel;
import dev.warden.runner.salesforce.RetryPolicy;
import dev.warden.runner.salesforce.SalesforceException;
import dev.warden.runner.salesforce.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@link MetadataPort} over the Metadata SOAP API (WSC, {@code /services/Soap/m/62.0}): readMetadata for state,
 * upsert/update for policies and settings, a zip deploy for the app's global OAuth settings that are generated at
 * run time and never committed. Satellite member names follow {@code <App>_oauth}, {@code <App>_oauthPlcy},
 * {@code <App>_plcy}, {@code <App>_glbloauth} (free-form in Salesforce; these match the package).
 */
public final class SoapMetadata implements MetadataPort {
    public static final String METADATA_API_VERSION = "62.0";

    private final MetadataConnection connection;
    private final ApiBudget budget;
    private final CallCounter counter;
    private final Consumer<String> progress;
    private final RetryPolicy retry;

    public SoapMetadata(Session session, ApiBudget budget, CallCounter counter, Consumer<String> progress) {
        this(session, budget, counter, progress, RetryPolicy.standard(counter, progress));
    }

    public SoapMetadata(
            Session session, ApiBudget budget, CallCounter counter, Consumer<String> progress, RetryPolicy retry) {
        this.retry = retry;
        this.budget = budget;
        this.counter = counter;
        this.progress = progress;
        ConnectorConfig cfg = new ConnectorConfig();
        cfg.setServiceEndpoint(session.instanceUrl() + "/services/Soap/m/" + METADATA_API_VERSION);
        cfg.setSessionId(session.accessToken());
        cfg.setConnectionTimeout(20_000);
        cfg.setReadTimeout(120_000);
        try {
            this.connection = com.sforce.soap.metadata.Connector.newConnection(cfg);
        } catch (ConnectionException e) {
            throw new SalesforceException(
                    "connect to the Metadata API", 0, "CONNECTION_FAILED", String.valueOf(e.getMessage()));
        }
    }

    /**
     * The app and its satellites in two round trips instead of six: the app, the satellites' member list and the
     * plugin policies are read at once, then the three satellites at once (each needs the member list). The same
     * calls as one after the other, and the same answer; an app that is absent returns absent (the two reads sent
     * beside its read are then not used, and a failure of theirs does not matter).
     */
    @Override
    public EcaState eca(String ecaName) {
        var headerRead =
                Parallel.start(() -> read("ExternalClientApplication", ecaName, ExternalClientApplication.class));
        var membersRead = Parallel.start(this::satelliteMembers);
        var pluginRead = Parallel.start(() ->
                read("ExtlClntAppConfigurablePolicies", ecaName + "_plcy", ExtlClntAppConfigurablePolicies.class));
        try {
            Parallel.awaitAll(List.of(headerRead));
        } finally {
            awaitQuietly(membersRead, pluginRead);
        }
        if (Parallel.join(headerRead) == null) {
            return EcaState.absent();
        }
        java.util.Map<String, List<String>> members = Parallel.join(membersRead);
        var globalRead = Parallel.start(() -> satellite(
                members,
                "ExtlClntAppGlobalOauthSettings",
                ExtlClntAppGlobalOauthSettings.class,
                ecaName,
                ExtlClntAppGlobalOauthSettings::getExternalClientApplication));
        var oauthRead = Parallel.start(() -> satellite(
                members,
                "ExtlClntAppOauthSettings",
                ExtlClntAppOauthSettings.class,
                ecaName,
                ExtlClntAppOauthSettings::getExternalClientApplication));
        var policiesRead = Parallel.start(() -> satellite(
                members,
                "ExtlClntAppOauthConfigurablePolicies",
                ExtlClntAppOauthConfigurablePolicies.class,
                ecaName,
                ExtlClntAppOauthConfigurablePolicies::getExternalClientApplication));
        Parallel.awaitAll(List.of(globalRead, oauthRead, policiesRead, pluginRead));
        ExtlClntAppGlobalOauthSettings global = Parallel.join(globalRead);
        ExtlClntAppOauthSettings oauth = Parallel.join(oauthRead);
        ExtlClntAppOauthConfigurablePolicies policies = Parallel.join(policiesRead);
        ExtlClntAppConfigurablePolicies plugin = Parallel.join(pluginRead);
        List<String> flows = new ArrayList<>();
        if (global != null) {
            if (global.getIsClientCredentialsFlowEnabled()) {
                flows.add("client credentials");
            }
            if (global.getIsDeviceFlowEnabled()) {
                flows.add("device");
            }
            if (global.getIsCodeCredFlowEnabled()) {
                flows.add("code and credential");
            }
            if (global.getIsTokenExchangeEnabled()) {
                flows.add("token exchange");
            }
        }
        if (policies != null) {
            if (policies.getIsClientCredentialsFlowEnabled() && !flows.contains("client credentials")) {
                flows.add("client credentials");
            }
            if (policies.getIsTokenExchangeFlowEnabled() && !flows.contains("token exchange")) {
                flows.add("token exchange");
            }
            if (policies.getIsGuestCodeCredFlowEnabled()) {
                flows.add("guest code and credential");
            }
        }
        boolean blocked = plugin != null && (!plugin.getIsEnabled() || !plugin.getIsOauthPluginEnabled());
        return new EcaState(
                true,
                global != null,
                global == null ? null : global.getCertificate(),
                global == null ? null : global.getConsumerKey(),
                oauth == null ? List.of() : split(oauth.getCommaSeparatedOauthScopes()),
                policies == null || policies.getPermittedUsersPolicyType() == null
                        ? null
                        : policies.getPermittedUsersPolicyType().name(),
                policies == null ? List.of() : split(policies.getCommaSeparatedPermissionSet()),
                policies == null ? List.of() : split(policies.getCommaSeparatedProfile()),
                policies == null ? null : policies.getIpRelaxationPolicyType(),
                policies == null || policies.getRefreshTokenPolicyType() == null
                        ? null
                        : policies.getRefreshTokenPolicyType().name(),
                flows,
                blocked,
                null);
    }

    /** Waits for reads whose answers may go unused: their failures are not this caller's. */
    private static void awaitQuietly(java.util.concurrent.CompletableFuture<?>... reads) {
        for (var r : reads) {
            try {
                r.join();
            } catch (RuntimeException unused) {
                // read again by the caller through Parallel.join when it needs the answer
            }
        }
    }

    /**
     * Satellite member names are free-form (Setup, sfdx-hardis and packages name them differently), so they are
     * listed first (one listMetadata call for the three types) and read by name; the link to the app is the
     * {@code externalClientApplication} field, not the name.
     */
    private java.util.Map<String, List<String>> satelliteMembers() {
        List<String> types = List.of(
                "ExtlClntAppGlobalOauthSettings", "ExtlClntAppOauthSettings", "ExtlClntAppOauthConfigurablePolicies");
        com.sforce.soap.metadata.ListMetadataQuery[] queries = types.stream()
                .map(t -> {
                    com.sforce.soap.metadata.ListMetadataQuery q = new com.sforce.soap.metadata.ListMetadataQuery();
                    q.setType(t);
                    return q;
                })
                .toArray(com.sforce.soap.metadata.ListMetadataQuery[]::new);
        com.sforce.soap.metadata.FileProperties[] props = call(
                "listMetadata",
                "list the app's OAuth settings",
                () -> connection.listMetadata(queries, Double.parseDouble(METADATA_API_VERSION)));
        java.util.Map<String, List<String>> out = new java.util.HashMap<>();
        if (props != null) {
            for (com.sforce.soap.metadata.FileProperties p : props) {
                if (p != null && p.getFullName() != null) {
                    out.computeIfAbsent(p.getType(), k -> new ArrayList<>()).add(p.getFullName());
                }
            }
        }
        return out;
    }

    private <T> T satellite(
            java.util.Map<String, List<String>> members,
            String type,
            Class<T> cls,
            String ecaName,
            java.util.function.Function<T, String> appOf) {
        List<String> names = members.getOrDefault(type, List.of());
        if (names.isEmpty()) {
            return null;
        }
        // readMetadata takes up to 10 names a call: every member is read, 10 at a time, until the app's is found.
        for (int from = 0; from < names.size(); from += 10) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + 10));
            Metadata[] records = call(
                    "readMetadata",
                    "read " + type,
                    () -> connection
                            .readMetadata(type, batch.toArray(String[]::new))
                            .getRecords());
            if (records != null) {
                for (Metadata m : records) {
                    if (cls.isInstance(m) && ecaName.equalsIgnoreCase(appOf.apply(cls.cast(m)))) {
                        return cls.cast(m);
                    }
                }
            }
        }
        return null;
    }

    /** Security settings and the profile, read at once (one round trip). */
    @Override
    public NetworkState network(String profileName) {
        var securityRead = Parallel.start(() -> read("SecuritySettings", "Security", SecuritySettings.class));
        var profileRead =
                Parallel.start(() -> profileName == null ? null : read("Profile", profileName, Profile.class));
        Parallel.awaitAll(List.of(securityRead, profileRead));
        SecuritySettings security = Parallel.join(securityRead);
        List<dev.warden.runner.blueprint.IpRange> trusted = new ArrayList<>();
        boolean lock = false;
        if (security != null) {
            if (security.getNetworkAccess() != null
                    && security.getNetworkAccess().getIpRanges() != null) {
                for (IpRange r : security.getNetworkAccess().getIpRanges()) {
                    trusted.add(new dev.warden.runner.blueprint.IpRange(r.getStart(), r.getEnd(), r.getDescription()));
                }
            }
            lock = security.getSessionSettings() != null
                    && security.getSessionSettings().getLockSessionsToIp();
        }
        List<dev.warden.runner.blueprint.IpRange> login = new ArrayList<>();
        if (profileName != null) {
            Profile profile = Parallel.join(profileRead);
            if (profile != null && profile.getLoginIpRanges() != null) {
                for (ProfileLoginIpRange r : profile.getLoginIpRanges()) {
                    login.add(new dev.warden.runner.blueprint.IpRange(
                            r.getStartAddress(), r.getEndAddress(), r.getDescription()));
                }
            }
        }
        return new NetworkState(trusted, login, lock);
    }

    /** Login ranges of many profiles, read ten to a {@code readMetadata} call (the API's limit per call). */
    @Override
    public java.util.Map<String, List<dev.warden.runner.blueprint.IpRange>> profileLoginRanges(
            java.util.Collection<String> profileNames) {
        java.util.Map<String, List<dev.warden.runner.blueprint.IpRange>> out = new java.util.TreeMap<>();
        List<String> names = new ArrayList<>(profileNames);
        for (int i = 0; i < names.size(); i += 10) {
            String[] batch = names.subList(i, Math.min(names.size(), i + 10)).toArray(String[]::new);
            Metadata[] records = call(
                    "readMetadata",
                    "read the login ranges of " + batch.length + " profile(s)",
                    () -> connection.readMetadata("Profile", batch).getRecords());
            for (Metadata m : records == null ? new Metadata[0] : records) {
                if (m instanceof Profile profile
                        && profile.getFullName() != null
                        && !profile.getFullName().isEmpty()) {
                    List<dev.warden.runner.blueprint.IpRange> login = new ArrayList<>();
                    if (profile.getLoginIpRanges() != null) {
                        for (ProfileLoginIpRange r : profile.getLoginIpRanges()) {
                            login.add(new dev.warden.runner.blueprint.IpRange(
                                    r.getStartAddress(), r.getEndAddress(), r.getDescription()));
                        }
                    }
                    out.put(profile.getFullName(), login);
                }
            }
        }
        return out;
    }

    /** Content Deliveries ({@code ContentSettings.enableContentDistribution}); null when unreadable. */
    public Boolean contentDeliveriesEnabled() {
        com.sforce.soap.metadata.ContentSettings c =
                read("ContentSettings", "Content", com.sforce.soap.metadata.ContentSettings.class);
        return c == null ? null : c.getEnableContentDistribution();
    }

    @Override
    public void deployGlobalOauthSettings(
            String ecaName, String certificatePem, String consumerKey, String callbackUrl) {
        String member = ecaName + "_glbloauth";
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                    <callbackUrl>%s</callbackUrl>
                    <certificate>%s</certificate>
                    <consumerKey>%s</consumerKey>
                    <externalClientApplication>%s</externalClientApplication>
                    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>
                    <isCodeCredFlowEnabled>false</isCodeCredFlowEnabled>
                    <isCodeCredPostOnly>false</isCodeCredPostOnly>
                    <isConsumerSecretOptional>false</isConsumerSecretOptional>
                    <isDeviceFlowEnabled>false</isDeviceFlowEnabled>
                    <isIntrospectAllTokens>false</isIntrospectAllTokens>
                    <isNamedUserJwtEnabled>false</isNamedUserJwtEnabled>
                    <isPkceRequired>true</isPkceRequired>
                    <isRefreshTokenRotationEnabled>false</isRefreshTokenRotationEnabled>
                    <isSecretRequiredForRefreshToken>true</isSecretRequiredForRefreshToken>
                    <isSecretRequiredForTokenExchange>true</isSecretRequiredForTokenExchange>
                    <isTokenExchangeEnabled>false</isTokenExchangeEnabled>
                    <label>%s Global OAuth</label>
                    <shouldRotateConsumerKey>false</shouldRotateConsumerKey>
                    <shouldRotateConsumerSecret>false</shouldRotateConsumerSecret>
                </ExtlClntAppGlobalOauthSettings>
                """.formatted(
                        escape(callbackUrl), escape(certificatePem.strip()), escape(consumerKey), ecaName, ecaName);
        String packageXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Package xmlns="http://soap.sforce.com/2006/04/metadata">
                    <types><members>%s</members><name>ExtlClntAppGlobalOauthSettings</name></types>
                    <version>%s</version>
                </Package>
                """.formatted(member, METADATA_API_VERSION);
        byte[] zip = zip(List.of(
                new String[] {"package.xml", packageXml},
                new String[] {"extlClntAppGlobalOauthSets/" + member + ".ecaGlblOauth", xml}));
        DeployOptions options = new DeployOptions();
        options.setSinglePackage(true);
        options.setRollbackOnError(true);
        AsyncResult started =
                call("deploy", "deploy the global OAuth settings of " + ecaName, () -> connection.deploy(zip, options));
        DeployResult result = waitFor(started.getId(), "global OAuth settings of " + ecaName);
        if (!result.isSuccess()) {
            List<String> problems = new ArrayList<>();
            if (result.getDetails() != null && result.getDetails().getComponentFailures() != null) {
                for (DeployMessage m : result.getDetails().getComponentFailures()) {
                    problems.add(m.getFileName() + (m.getLineNumber() > 0 ? ":" + m.getLineNumber() : "") + ": "
                            + m.getProblem());
                }
            }
            if (problems.isEmpty() && result.getErrorMessage() != null) {
                problems.add(result.getErrorMessage());
            }
            throw new SalesforceException(
                    "deploy the global OAuth settings of " + ecaName,
                    0,
                    result.getErrorStatusCode() == null
                            ? "DEPLOY_FAILED"
                            : result.getErrorStatusCode().name(),
                    String.join("; ", problems));
        }
    }

    /**
     * Deploys a Metadata API zip and waits for its result (with details): the caller reads success, component
     * failures and test results. One {@code deploy} call plus the {@code checkDeployStatus} polls.
     */
    public DeployResult deployZip(byte[] zip, DeployOptions options, String what) {
        // A validation (checkOnly) changes nothing: counted apart, and not as a setup write.
        String operation = options.isCheckOnly() ? "deployCheckOnly" : "deploy";
        AsyncResult started = call(operation, "deploy " + what, () -> connection.deploy(zip, options));
        return waitFor(started.getId(), what);
    }

    private DeployResult waitFor(String id, String what) {
        long started = System.currentTimeMillis();
        // Short first polls: a small deploy is done within a second or two and every poll is a round trip on the
        // critical path of `up`; then at most one poll a second (sf polls about as often).
        long sleep = 100;
        while (true) {
            DeployResult r = call(
                    "checkDeployStatus", "check the deploy of " + what, () -> connection.checkDeployStatus(id, true));
            if (r.isDone()) {
                return r;
            }
            if (System.currentTimeMillis() - started > 600_000) {
                throw new SalesforceException(
                        "deploy " + what, 0, "TIMEOUT", "deploy " + id + " not done after 10 minutes");
            }
            progress.accept("waiting for deploy " + id + " (" + r.getStatus() + ", "
                    + (System.currentTimeMillis() - started) / 1000 + " s)");
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SalesforceException("deploy " + what, 0, "INTERRUPTED", "interrupted");
            }
            sleep = Math.min(sleep * 2, 1_000);
        }
    }

    @Override
    public void upsertOauthPolicies(String ecaName, Blueprint.App app) {
        ExtlClntAppOauthConfigurablePolicies p = new ExtlClntAppOauthConfigurablePolicies();
        p.setFullName(ecaName + "_oauthPlcy");
        p.setExternalClientApplication(ecaName);
        p.setLabel(ecaName + " OAuth Policies");
        p.setPermittedUsersPolicyType(PermittedUsersPolicyType.AdminApprovedPreAuthorized);
        if (app.preAuthorizedBy() != null) {
            // UNCONFIRMED: the doc says permission set Ids; the official sample uses API names (as the package does).
            p.setCommaSeparatedPermissionSet(app.preAuthorizedBy());
        }
        p.setIpRelaxationPolicyType(app.ipRelaxation());
        p.setRefreshTokenPolicyType(
                RefreshTokenPolicyType.valueOf(app.refreshToken().policy()));
        if (app.refreshToken().validity() != null) {
            p.setRefreshTokenValidityPeriod(app.refreshToken().validity());
            p.setRefreshTokenValidityUnit(app.refreshToken().unit());
        }
        p.setIsClientCredentialsFlowEnabled(false);
        p.setIsGuestCodeCredFlowEnabled(false);
        p.setIsTokenExchangeFlowEnabled(false);
        p.setRequiredSessionLevel(SessionSecurityLevel.STANDARD);
        UpsertResult[] results = call(
                "upsertMetadata",
                "set the OAuth policies of " + ecaName,
                () -> connection.upsertMetadata(new Metadata[] {p}));
        for (UpsertResult r : results) {
            if (!r.isSuccess()) {
                throw new SalesforceException(
                        "set the OAuth policies of " + ecaName, 0, code(r.getErrors()), messages(r.getErrors()));
            }
        }
    }

    @Override
    public void writeTrustedRanges(List<dev.warden.runner.blueprint.IpRange> complete) {
        SecuritySettings s = new SecuritySettings();
        s.setFullName("Security");
        NetworkAccess access = new NetworkAccess();
        access.setIpRanges(complete.stream()
                .map(r -> {
                    IpRange ip = new IpRange();
                    ip.setStart(r.start());
                    ip.setEnd(r.end());
                    ip.setDescription(r.description());
                    return ip;
                })
                .toArray(IpRange[]::new));
        s.setNetworkAccess(access);
        update(s, "write the org's trusted IP ranges");
    }

    @Override
    public void writeProfileLoginRanges(String profileName, List<dev.warden.runner.blueprint.IpRange> complete) {
        Profile p = new Profile();
        p.setFullName(profileName);
        p.setLoginIpRanges(complete.stream()
                .map(r -> {
                    ProfileLoginIpRange ip = new ProfileLoginIpRange();
                    ip.setStartAddress(r.start());
                    ip.setEndAddress(r.end());
                    ip.setDescription(r.description());
                    return ip;
                })
                .toArray(ProfileLoginIpRange[]::new));
        update(p, "write the login IP ranges of profile '" + profileName + "'");
    }

    private void update(Metadata m, String what) {
        SaveResult[] results = call("updateMetadata", what, () -> connection.updateMetadata(new Metadata[] {m}));
        for (SaveResult r : results) {
            if (!r.isSuccess()) {
                throw new SalesforceException(what, 0, code(r.getErrors()), messages(r.getErrors()));
            }
        }
    }

    private <T> T read(String type, String fullName, Class<T> cls) {
        Metadata[] records = call(
                "readMetadata",
                "read " + type + " " + fullName,
                () -> connection.readMetadata(type, new String[] {fullName}).getRecords());
        if (records == null || records.length == 0 || records[0] == null) {
            return null;
        }
        Metadata m = records[0];
        if (m.getFullName() == null || m.getFullName().isEmpty() || !cls.isInstance(m)) {
            return null;
        }
        return cls.cast(m);
    }

    private interface SoapCall<T> {
        T run() throws ConnectionException;
    }

    /**
     * Every Metadata API call the runner makes is idempotent (reads, upserts and updates of complete values, a deploy of
     * the same zip), so the {@link RetryPolicy} sends any of them again after a transient fault or a lost answer.
     */
    private <T> T call(String operation, String what, SoapCall<T> call) {
        return retry.call("soap.metadata." + operation, what, true, () -> callOnce(operation, what, call));
    }

    private <T> T callOnce(String operation, String what, SoapCall<T> call) {
        budget.beforeCall();
        counter.count("soap.metadata." + operation);
        if (!"readMetadata".equals(operation)
                && !"checkDeployStatus".equals(operation)
                && !"listMetadata".equals(operation)
                && !"deployCheckOnly".equals(operation)) {
            counter.write();
        }
        long began = counter.started();
        try {
            T result = call.run();
            budget.counted();
            return result;
        } catch (SoapFaultException e) {
            budget.counted();
            throw new SalesforceException(what, 500, faultCode(e), faultMessage(e));
        } catch (ConnectionException e) {
            budget.unanswered();
            throw new SalesforceException(
                    what,
                    0,
                    "CONNECTION_FAILED",
                    String.valueOf(e.getMessage()).lines().findFirst().orElse("no answer"));
        } finally {
            counter.ended(began);
        }
    }

    /** {@code sf:INVALID_SESSION_ID} as {@code INVALID_SESSION_ID}: Salesforce's own exception code. */
    private static String faultCode(SoapFaultException e) {
        return e.getFaultCode() == null ? "SOAP_FAULT" : e.getFaultCode().getLocalPart();
    }

    static String faultMessage(SoapFaultException e) {
        // WSC parses faults into the typed ApiFault of the Partner API when that jar is present; its getMessage() is
        // null and Salesforce's text is the exceptionMessage.
        if (e instanceof com.sforce.soap.partner.fault.ApiFault f && f.getExceptionMessage() != null) {
            return f.getExceptionMessage();
        }
        String m = String.valueOf(e.getMessage());
        int colon = m.indexOf(": ");
        return m.startsWith(faultCode(e)) && colon > 0 ? m.substring(colon + 2) : m;
    }

    static List<String> split(String comma) {
        if (comma == null || comma.isBlank()) {
            return List.of();
        }
        return Arrays.stream(comma.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String code(com.sforce.soap.metadata.Error[] errors) {
        return errors == null || errors.length == 0 || errors[0].getStatusCode() == null
                ? "UNKNOWN"
                : errors[0].getStatusCode().name();
    }

    private static String messages(com.sforce.soap.metadata.Error[] errors) {
        if (errors == null) {
            return "failed";
        }
        return String.join(
                "; ",
                Arrays.stream(errors)
                        .map(com.sforce.soap.metadata.Error::getMessage)
                        .toList());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static byte[] zip(List<String[]> files) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String[] f : files) {
                zip.putNextEntry(new ZipEntry(f[0]));
                zip.write(f[1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
