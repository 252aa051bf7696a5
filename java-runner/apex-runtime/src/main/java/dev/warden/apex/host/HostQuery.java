package dev.warden.apex.host;

import dev.warden.soql.QueryOptions;
import dev.warden.soql.SoqlStatement;

/**
 * A query from Apex: the parsed statement, options carrying the bind values, the access mode (WITH USER_MODE /
 * SYSTEM_MODE; Apex's default for SOQL is system mode) and the running user.
 */
public record HostQuery(SoqlStatement statement, QueryOptions options, AccessMode mode, String userId) {}
