package dev.warden.localorg.oauth;

/** An OAuth endpoint failure: {@code {"error","error_description"}} with HTTP 400 (or the given status). */
final class OAuthError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String error;
    final int status;
    final String userId;

    OAuthError(String error, String description, String userId) {
        this(error, description, userId, 400);
    }

    OAuthError(String error, String description, String userId, int status) {
        super(description, null, false, false);
        this.error = error;
        this.userId = userId;
        this.status = status;
    }
}
