package dev.warden.soql;

import java.util.List;

/**
 * A query's answer. For {@code SELECT COUNT()} {@code totalSize} is the count, {@code records} is empty and
 * {@code countQuery} is true, as Salesforce answers. Paging (queryMore, 2000-row batches) is the caller's.
 */
public record QueryResult(int totalSize, List<ResultRecord> records, List<ColumnInfo> columns, boolean countQuery) {
    public QueryResult {
        records = List.copyOf(records);
        columns = List.copyOf(columns);
    }
}
