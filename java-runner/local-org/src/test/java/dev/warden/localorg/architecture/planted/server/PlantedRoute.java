package dev.warden.localorg.architecture.planted.server;

/** The planted wire class a model class must not name. */
public final class PlantedRoute {
    @Override
    public String toString() {
        return "route";
    }
}
