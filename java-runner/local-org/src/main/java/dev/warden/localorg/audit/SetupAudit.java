package dev.warden.localorg.audit;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgDatabase;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes SetupAuditTrail rows. Every setup change in the local org goes through here (data rules for setup objects,
 * metadata deploys, the admin install endpoint). The Action/Section/Display wording is the local org's own: the
 * real platform's per-change texts are not documented in the references (docs/local-org.md).
 */
public final class SetupAudit {
    private final OrgDatabase db;

    public SetupAudit(OrgDatabase db) {
        this.db = db;
    }

    public void record(String actorUserId, String section, String action, String display) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Action", action);
        row.put("Section", section);
        row.put("Display", display.length() > 1000 ? display.substring(0, 1000) : display);
        db.insert(Caller.system(actorUserId), "SetupAuditTrail", row);
    }
}
