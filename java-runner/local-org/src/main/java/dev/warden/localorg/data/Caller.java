package dev.warden.localorg.data;

/**
 * Who performs a data operation. {@code system} callers (the seed, deploys, platform rules) may write read-only
 * fields; API callers may not.
 *
 * @param userId the acting user (becomes CreatedById / LastModifiedById and the audit trail's actor)
 */
public record Caller(String userId, boolean system) {
    public static Caller api(String userId) {
        return new Caller(userId, false);
    }

    public static Caller system(String userId) {
        return new Caller(userId, true);
    }
}
