package dev.warden.localorg.rest;

import dev.warden.soql.ResultRecord;
import java.util.Map;

/** Query rows as the REST query resource renders them, for other APIs that answer JSON rows (Bulk API 1.0). */
public final class QueryRows {
    private QueryRows() {}

    public static Map<String, Object> render(String version, ResultRecord r) {
        return QueryApi.render(version, r);
    }
}
