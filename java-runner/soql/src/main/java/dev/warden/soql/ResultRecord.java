package dev.warden.soql;

import java.util.LinkedHashMap;

/**
 * One result row: fields in SELECT order with canonical names; a relationship path yields a nested ResultRecord
 * (or null when the reference is empty). Aggregate rows have objectName "AggregateResult" and a null id.
 */
public record ResultRecord(String objectName, String id, LinkedHashMap<String, Object> fields) {}
