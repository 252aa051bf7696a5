package dev.warden.localorg.architecture.planted.rest;

import dev.warden.localorg.architecture.planted.server.PlantedRoute;

/** Planted: a wire package registering its route on the server's SPI (the allowed direction). */
public final class PlantedRestApi {
    public String register(PlantedRoute route) {
        return "rest " + route;
    }
}
