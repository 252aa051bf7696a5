package dev.warden.localorg.devhub.packaging.install;

import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.data.Values;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.server.Json;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET tooling/sobjects/{PackageInstallRequest|SubscriberPackageVersionUninstallRequest}/{id}} (jsforce's
 * {@code tooling.retrieve}: the whole record); {@code Errors} is answered as the JSON object sf reads
 * ({@code Errors.errors[].message}).
 */
final class InstallRecords {
    private InstallRecords() {}

    static Response read(Request req) {
        String type = req.pathGroup(2);
        Record r = req.org().db().live(req.pathGroup(3));
        if (r == null || !r.objectName().equalsIgnoreCase(type)) {
            throw OrgException.notFound();
        }
        return Response.json(200, render(req.pathGroup(1), r));
    }

    static Map<String, Object> render(String version, Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "attributes",
                Map.of(
                        "type",
                        r.objectName(),
                        "url",
                        "/services/data/v" + version + "/tooling/sobjects/" + r.objectName() + "/" + r.id()));
        for (FieldDef f : r.type().fields()) {
            Object v = r.get(f.name());
            if (v == null && f.type() == FieldType.BOOLEAN) {
                m.put(f.name(), false);
            } else if (v instanceof String json && f.name().equals("Errors")) {
                try {
                    m.put(f.name(), Json.MAPPER.readTree(json));
                } catch (IOException e) {
                    throw new IllegalStateException("stored Errors is not JSON", e);
                }
            } else {
                m.put(f.name(), Values.toJson(v));
            }
        }
        return m;
    }

    static String errors(List<String> messages) {
        return messages.isEmpty()
                ? null
                : Json.string(Map.of(
                        "errors",
                        messages.stream().map(msg -> Map.of("message", msg)).toList()));
    }
}
