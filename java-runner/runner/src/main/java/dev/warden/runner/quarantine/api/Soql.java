package dev.warden.runner.quarantine.api;

import java.util.List;

/** Safe pieces of SOQL built from values the program holds. */
public final class Soql {
    private Soql() {}

    /** {@code 'id1','id2'} for an IN list; every value must look like a Salesforce id, so nothing can be injected. */
    public static String idList(List<String> ids) {
        StringBuilder sb = new StringBuilder();
        for (String id : ids) {
            if (id == null || !id.matches("[A-Za-z0-9]{15}|[A-Za-z0-9]{18}")) {
                throw new IllegalArgumentException("not a Salesforce id: " + id);
            }
            sb.append(sb.length() == 0 ? "" : ",").append('\'').append(id).append('\'');
        }
        return sb.toString();
    }
}
