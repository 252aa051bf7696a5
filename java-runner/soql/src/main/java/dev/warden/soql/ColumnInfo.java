package dev.warden.soql;

import java.util.List;

/**
 * Shape of sf's {@code columns=true} answer: columnName, displayName, aggregate, apexType, joinColumns (nested for
 * relationships). A relationship column has a null apexType and its fields in joinColumns.
 */
public record ColumnInfo(
        String columnName, String displayName, boolean aggregate, String apexType, List<ColumnInfo> joinColumns) {
    public ColumnInfo {
        joinColumns = List.copyOf(joinColumns);
    }
}
