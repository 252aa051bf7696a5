package dev.warden.localorg.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sforce.soap.metadata.MetadataConnection;
import com.sforce.soap.metadata.PermissionSet;
import com.sforce.soap.metadata.SaveResult;
import com.sforce.ws.ConnectorConfig;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Metadata API {@code createMetadata} through a real WSC MetadataConnection: creates, and refuses a duplicate. */
class CreateMetadataWscTest {
    private static LocalOrgServer server;
    private static MetadataConnection md;

    @BeforeAll
    static void start() throws Exception {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        ConnectorConfig cfg = new ConnectorConfig();
        cfg.setServiceEndpoint(server.instanceUrl() + "/services/Soap/m/62.0");
        cfg.setSessionId(server.adminAccessToken());
        md = new MetadataConnection(cfg);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void createMetadataCreatesAComponentOnceAndCallsTheSecondADuplicate() throws Exception {
        PermissionSet ps = new PermissionSet();
        ps.setFullName("Created_By_Api");
        ps.setLabel("Created By Api");
        SaveResult first = md.createMetadata(new PermissionSet[] {ps})[0];
        assertTrue(first.isSuccess(), () -> Arrays.toString(first.getErrors()));
        assertEquals("Created_By_Api", first.getFullName());
        PermissionSet read = (PermissionSet) md.readMetadata("PermissionSet", new String[] {"Created_By_Api"})
                .getRecords()[0];
        assertEquals("Created By Api", read.getLabel());
        assertTrue(server.org().db().findOne("PermissionSet", "Name", "Created_By_Api") != null);

        SaveResult again = md.createMetadata(new PermissionSet[] {ps})[0];
        assertFalse(again.isSuccess());
        assertEquals("DUPLICATE_VALUE", again.getErrors()[0].getStatusCode().toString());
    }
}
