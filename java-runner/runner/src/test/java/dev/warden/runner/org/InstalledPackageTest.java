package dev.warden.runner.org;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** InstalledSubscriberPackage rows (Tooling, shape of reference §15; handwritten from it): the namespace is discovered. */
class InstalledPackageTest {
    @Test
    void theNamespaceAndVersionOfEachInstalledPackageAreRead() throws Exception {
        JsonNode page = new ObjectMapper()
                .readTree("{\"records\":["
                        + "{\"Id\":\"0A3000000000001AAA\",\"SubscriberPackageId\":\"033000000000001AAA\","
                        + "\"SubscriberPackage\":{\"attributes\":{\"type\":\"SubscriberPackage\"},\"NamespacePrefix\":\"wdn\",\"Name\":\"Warden\"},"
                        + "\"SubscriberPackageVersion\":{\"Id\":\"04t000000000001AAA\",\"Name\":\"ver 0.1\",\"MajorVersion\":0,"
                        + "\"MinorVersion\":1,\"PatchVersion\":0,\"BuildNumber\":1}},"
                        + "{\"Id\":\"0A3000000000002AAA\",\"SubscriberPackageId\":\"033000000000002AAA\","
                        + "\"SubscriberPackage\":{\"NamespacePrefix\":null,\"Name\":\"Tools\"},"
                        + "\"SubscriberPackageVersion\":{\"Id\":\"04t000000000002AAA\",\"Name\":\"v1\",\"MajorVersion\":1,"
                        + "\"MinorVersion\":0,\"PatchVersion\":0,\"BuildNumber\":3}}]}");
        List<JsonNode> rows = new ArrayList<>();
        page.path("records").forEach(rows::add);
        List<InstalledPackage> all = InstalledPackage.fromRows(rows);
        assertEquals("wdn", all.get(0).namespace());
        assertEquals("0.1.0.1", all.get(0).versionNumber());
        assertNull(all.get(1).namespace(), "an unnamespaced package");
        assertTrue(all.get(0).isVersion("04t000000000001"), "15 and 18 characters name the same version");
        assertFalse(all.get(0).isVersion("04t000000000002AAA"));
    }
}
