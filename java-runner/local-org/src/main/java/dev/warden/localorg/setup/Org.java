package dev.warden.localorg.setup;

import dev.warden.localorg.audit.LoginHistoryWriter;
import dev.warden.localorg.audit.SetupAudit;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.model.Schema;
import dev.warden.localorg.model.StandardObjects;
import dev.warden.localorg.rules.PlatformRules;
import java.time.Clock;

/**
 * One org: schema, data, metadata-held state, audit writers and API budget. {@code /_local/reset} replaces the
 * whole object with a freshly seeded one.
 */
public final class Org {
    private final Schema schema;
    private final OrgDatabase db;
    private final SetupAudit audit;
    private final LoginHistoryWriter logins;
    private final OrgMetadata metadata;
    private final ApiUsage apiUsage = new ApiUsage();
    private final SeedIds ids;

    /** Ids and names of the seeded records other code needs. */
    public record SeedIds(
            String orgId,
            String adminUserId,
            String adminUsername,
            String systemAdministratorProfileId,
            String standardUserProfileId,
            String integrationProfileId,
            String salesforceLicenseId,
            String integrationLicenseId,
            String apiIntegrationPslId) {}

    Org(Schema schema, OrgDatabase db, SetupAudit audit, LoginHistoryWriter logins, OrgMetadata metadata, SeedIds ids) {
        this.schema = schema;
        this.db = db;
        this.audit = audit;
        this.logins = logins;
        this.metadata = metadata;
        this.ids = ids;
    }

    /**
     * Who the org is: its number (the org id is {@code 00D} + this number, so journals, deploy records and keys of
     * different local orgs never share a file) and whether it presents itself as a production org.
     */
    public record Identity(long orgNumber, boolean production) {
        private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

        /** A fresh org number (never 0 or 1, well inside the 12 base-62 digits of an id). */
        public static Identity fresh(boolean production) {
            return new Identity(2 + Math.floorMod(RANDOM.nextLong(), 56_800_235_584L - 2), production);
        }
    }

    /** A new seeded org (see {@link Seed}) with its own org id, presenting itself as a Developer Edition org. */
    public static Org seeded(String adminUsername, Clock clock) {
        return seeded(adminUsername, clock, Identity.fresh(false));
    }

    public static Org seeded(String adminUsername, Clock clock, Identity identity) {
        Schema schema = StandardObjects.newSchema();
        OrgDatabase db = new OrgDatabase(schema, clock);
        dev.warden.localorg.formula.OrgCalculatedFields.install(db); // formula and roll-up summary fields
        SetupAudit audit = new SetupAudit(db);
        PlatformRules.install(db, audit);
        SeedIds ids = Seed.populate(db, adminUsername, identity);
        return new Org(schema, db, audit, new LoginHistoryWriter(db), new OrgMetadata(db, audit), ids);
    }

    public Schema schema() {
        return schema;
    }

    public OrgDatabase db() {
        return db;
    }

    public SetupAudit audit() {
        return audit;
    }

    public LoginHistoryWriter logins() {
        return logins;
    }

    public OrgMetadata metadata() {
        return metadata;
    }

    public ApiUsage apiUsage() {
        return apiUsage;
    }

    public SeedIds ids() {
        return ids;
    }

    public String orgId() {
        return ids.orgId();
    }

    public String adminUserId() {
        return ids.adminUserId();
    }

    /** The admin acting through the API (field-level rules apply). */
    public Caller admin() {
        return Caller.api(ids.adminUserId());
    }

    /** The platform itself acting on the admin's behalf (deploys, rules, seed). */
    public Caller system() {
        return Caller.system(ids.adminUserId());
    }
}
