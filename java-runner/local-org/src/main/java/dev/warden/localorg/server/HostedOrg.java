package dev.warden.localorg.server;

/**
 * An org that another local org (its Dev Hub, or its production org) created and serves from the same process, on its
 * own port: a scratch org or a sandbox. Each hosted org is a whole {@link LocalOrgServer} of its own, so its id, users, data, metadata and sessions
 * never mix with the hub's (docs/local-org.md "Dev Hub").
 *
 * @param adminUsername the signup username (distinct per org: sf keys auth files by username)
 * @param parentOrgId the Dev Hub's (or production's) org id
 */
public record HostedOrg(String adminUsername, String parentOrgId) {}
