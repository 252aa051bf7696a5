package dev.warden.runner.architecture.planted.salesforce.rest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/** The planted REST client: the one place allowed to talk HTTP. */
public final class PlantedRestClient {
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public String toString() {
        return http.version().name()
                + HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).build();
    }
}
