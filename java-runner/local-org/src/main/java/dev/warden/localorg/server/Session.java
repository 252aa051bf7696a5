package dev.warden.localorg.server;

import java.time.Instant;

/**
 * An issued access token.
 *
 * @param appName the External Client App it was issued through (null for the admin token)
 * @param issuedToIp the client address at login (for "lock sessions to the IP address")
 */
public record Session(String token, String userId, String appName, String issuedToIp, Instant issuedAt) {}
