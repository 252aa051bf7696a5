package dev.warden.soql;

/**
 * A query written inside Apex: the statement, its access mode ("USER_MODE", "SYSTEM_MODE" or null when the query
 * names none) and how many bind expressions it has.
 */
public record ApexSoql(SoqlStatement statement, String mode, int bindCount) {}
