package dev.warden.apex.host;

/** The user code runs as: what UserInfo answers and what access checks are made for. */
public record HostUser(
        String id, String userName, String name, String email, String profileId, String organizationId) {}
