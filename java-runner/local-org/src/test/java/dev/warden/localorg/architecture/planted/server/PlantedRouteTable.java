package dev.warden.localorg.architecture.planted.server;

import dev.warden.localorg.architecture.planted.rest.PlantedRestApi;

/** Planted violation: the server naming a wire package that names the server back (server ↔ rest). */
public final class PlantedRouteTable {
    public String wire() {
        return new PlantedRestApi().register(new PlantedRoute());
    }
}
