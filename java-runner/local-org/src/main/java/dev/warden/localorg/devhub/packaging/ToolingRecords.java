package dev.warden.localorg.devhub.packaging;

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
import java.util.Map;
import java.util.Set;

/**
 * {@code GET tooling/sobjects/{Package2|Package2Version|Package2VersionCreateRequest|SubscriberPackageVersion}/{id}}
 * (jsforce's {@code tooling.retrieve}: the whole record). Complex fields are answered as JSON values.
 */
final class ToolingRecords {
    private static final Set<String> COMPLEX = Set.of("CodeCoverage", "CodeCoveragePercentages", "Dependencies");

    private ToolingRecords() {}

    static Response read(Request req) {
        String type = req.pathGroup(2);
        Record r = live(req, type, req.pathGroup(3));
        return Response.json(200, render(req.pathGroup(1), r));
    }

    static Record live(Request req, String type, String id) {
        Record r = id == null ? null : req.org().db().live(id);
        if (r == null || !r.objectName().equalsIgnoreCase(type)) {
            throw OrgException.notFound();
        }
        return r;
    }

    static Map<String, Object> render(String version, Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("type", r.objectName());
        attributes.put("url", "/services/data/v" + version + "/tooling/sobjects/" + r.objectName() + "/" + r.id());
        m.put("attributes", attributes);
        for (FieldDef f : r.type().fields()) {
            Object v = r.get(f.name());
            if (v == null && f.type() == FieldType.BOOLEAN) {
                m.put(f.name(), false);
            } else if (v instanceof String json && COMPLEX.contains(f.name())) {
                m.put(f.name(), complex(json));
            } else {
                m.put(f.name(), Values.toJson(v));
            }
        }
        return m;
    }

    private static Object complex(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored complex value is not JSON", e);
        }
    }
}
