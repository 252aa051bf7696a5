package dev.warden.runner.architecture.planted.salesforce.rest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/** The planted REST client: the one class allowed to build HTTP requests (named as the real one). */
public final class RestClient {
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public String toString() {
        return http.version().name()
                + HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).build();
    }
}
