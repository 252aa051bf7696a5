package dev.warden.localorg.architecture.planted.model;

import com.sun.net.httpserver.HttpExchange;
import dev.warden.localorg.architecture.planted.server.PlantedRoute;

/** Planted violation (LocalOrgArchitectureTest): a model class reading the wire. */
public final class PlantedRecord {
    public String from(HttpExchange exchange, PlantedRoute route) {
        return exchange.getRequestMethod() + route;
    }
}
