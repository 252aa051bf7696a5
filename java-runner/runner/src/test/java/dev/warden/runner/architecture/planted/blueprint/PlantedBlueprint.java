package dev.warden.runner.architecture.planted.blueprint;

import dev.warden.runner.architecture.planted.salesforce.rest.RestClient;
import java.net.URI;
import java.net.http.HttpRequest;

/** Planted violation (ArchitectureTest): the pure core reaching an adapter and HTTP. */
public final class PlantedBlueprint {
    public Object load(RestClient rest) {
        return rest.toString()
                + HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).build();
    }
}
