package dev.warden.soql.ast;

import java.util.List;

/**
 * A parsed SELECT statement. {@code where}, {@code having}, {@code limit} and {@code offset} are null when absent.
 */
public record Query(
        List<SelectItem> select,
        String from,
        String fromAlias,
        Pos fromPos,
        Condition where,
        List<FieldPath> groupBy,
        Condition having,
        List<OrderItem> orderBy,
        Integer limit,
        Integer offset,
        boolean allRows) {
    public Query {
        select = List.copyOf(select);
        groupBy = List.copyOf(groupBy);
        orderBy = List.copyOf(orderBy);
    }
}
