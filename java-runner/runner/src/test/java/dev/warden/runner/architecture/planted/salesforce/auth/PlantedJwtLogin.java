package dev.warden.runner.architecture.planted.salesforce.auth;

import java.net.URI;
import java.net.http.HttpRequest;

/** Planted: a login that builds its own token request instead of going through the REST client. */
public final class PlantedJwtLogin {
    @Override
    public String toString() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1/services/oauth2/token"))
                .build()
                .toString();
    }
}
