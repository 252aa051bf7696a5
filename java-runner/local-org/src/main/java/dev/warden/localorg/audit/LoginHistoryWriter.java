package dev.warden.localorg.audit;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgDatabase;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a LoginHistory row for every login attempt (OAuth token grants, SOAP login), successful or not. */
public final class LoginHistoryWriter {
    public static final String SUCCESS = "Success";
    private final OrgDatabase db;

    public LoginHistoryWriter(OrgDatabase db) {
        this.db = db;
    }

    /**
     * @param userId null when the username is unknown (the row is still written, as the platform does not;
     *               documented divergence: keeps failed attempts visible to tests)
     * @param loginType e.g. {@code Remote Access 2.0} (OAuth) or {@code Other Apex API} (SOAP login)
     * @param status {@link #SUCCESS} or the failure reason
     */
    public void record(
            String actorUserId,
            String userId,
            String sourceIp,
            String loginType,
            String status,
            String application,
            String apiType,
            String loginUrl) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("UserId", userId);
        row.put("LoginTime", db.clock().instant());
        row.put("LoginType", loginType);
        row.put("SourceIp", sourceIp);
        row.put("Status", status);
        row.put("Application", application);
        row.put("ApiType", apiType);
        row.put("LoginUrl", loginUrl);
        row.put("Browser", "Unknown");
        row.put("Platform", "Unknown");
        db.insert(Caller.system(actorUserId), "LoginHistory", row);
    }
}
