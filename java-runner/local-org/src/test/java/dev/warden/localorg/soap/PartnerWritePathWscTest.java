package dev.warden.localorg.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.UpsertResult;
import com.sforce.soap.partner.fault.InvalidFieldFault;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectorConfig;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.data.TriggerBatch;
import dev.warden.localorg.data.TriggerHook;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.ObjectDefinition;
import dev.warden.localorg.server.LocalOrgServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real WSC PartnerConnection writing through the batch write path: one hook batch per call, errors per record. */
class PartnerWritePathWscTest {
    private static LocalOrgServer server;
    private static PartnerConnection partner;
    private final List<String> calls = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        ConnectorConfig cfg = new ConnectorConfig();
        cfg.setServiceEndpoint(server.instanceUrl() + "/services/Soap/u/65.0");
        cfg.setSessionId(server.adminAccessToken());
        partner = new PartnerConnection(cfg);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void schema() {
        partner.clearAllOrNoneHeader();
        var reset = new dev.warden.localorg.server.OrgClient(server.instanceUrl(), server.adminAccessToken())
                .post("/_local/reset", java.util.Map.of());
        assertEquals(200, reset.status(), reset.body());
        server.org()
                .schema()
                .define(ObjectDefinition.custom(
                        "Gadget__c",
                        "Gadget",
                        List.of(FieldDef.of("Code__c", FieldType.STRING)
                                .length(40)
                                .externalId()
                                .build())));
        server.org()
                .schema()
                .define(ObjectDefinition.custom(
                        "Piece__c",
                        "Piece",
                        List.of(FieldDef.of("Gadget__c", FieldType.REFERENCE)
                                .references("Pieces__r", "Gadget__c")
                                .build())));
        server.org().db().addTriggerHook("Gadget__c", new TriggerHook() {
            @Override
            public void before(TriggerBatch b) {
                calls.add("before " + b.operation() + " " + b.size());
                for (int i = 0; i < b.newRows().size(); i++) {
                    if ("refused".equals(b.newRows().get(i).get("Name"))) {
                        b.addError(i, "Gadgets may not be called refused");
                    }
                }
            }

            @Override
            public void after(TriggerBatch b) {
                calls.add("after " + b.operation() + " " + b.size());
            }
        });
    }

    private static SObject gadget(String name, String code) {
        SObject s = new SObject("Gadget__c");
        s.setField("Name", name);
        if (code != null) {
            s.setField("Code__c", code);
        }
        return s;
    }

    private int count() {
        return server.org().db().rows("Gadget__c", false).size();
    }

    @Test
    void a_create_of_two_hundred_fires_each_hook_phase_once() throws Exception {
        SObject[] many = new SObject[200];
        for (int i = 0; i < many.length; i++) {
            many[i] = gadget("G" + i, null);
        }
        SaveResult[] r = partner.create(many);
        assertTrue(Arrays.stream(r).allMatch(SaveResult::isSuccess));
        assertEquals(List.of("before INSERT 200", "after INSERT 200"), calls);
        calls.clear();
        String[] ids = Arrays.stream(r).map(SaveResult::getId).toArray(String[]::new);
        assertTrue(Arrays.stream(partner.delete(ids)).allMatch(d -> d.isSuccess()));
        assertEquals(List.of("before DELETE 200", "after DELETE 200"), calls);
    }

    @Test
    void a_hook_error_comes_back_in_the_save_result_and_the_other_records_are_saved() throws Exception {
        SaveResult[] r = partner.create(new SObject[] {gadget("fine", null), gadget("refused", null)});
        assertTrue(r[0].isSuccess());
        assertFalse(r[1].isSuccess());
        assertEquals(
                "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                r[1].getErrors()[0].getStatusCode().name());
        assertEquals("Gadgets may not be called refused", r[1].getErrors()[0].getMessage());
        assertEquals(1, count());
    }

    @Test
    void the_all_or_none_header_rolls_the_whole_call_back() throws Exception {
        partner.setAllOrNoneHeader(true);
        SaveResult[] r = partner.create(new SObject[] {gadget("fine", null), gadget("refused", null)});
        assertFalse(r[0].isSuccess());
        assertEquals(
                "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                r[0].getErrors()[0].getStatusCode().name());
        assertEquals(
                "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                r[1].getErrors()[0].getStatusCode().name());
        assertEquals(0, count());
    }

    @Test
    void a_nested_parent_sobject_with_an_external_id_sets_the_lookup() throws Exception {
        String gadget = partner.create(new SObject[] {gadget("parent", "EXT-1")})[0].getId();
        SObject parent = new SObject("Gadget__c");
        parent.setField("Code__c", "EXT-1");
        SObject piece = new SObject("Piece__c");
        piece.setField("Name", "child");
        piece.setField("Gadget__r", parent);
        SaveResult r = partner.create(new SObject[] {piece})[0];
        assertTrue(r.isSuccess(), () -> Arrays.toString(r.getErrors()));
        assertEquals(gadget, server.org().db().retrieve(r.getId()).get("Gadget__c"));
    }

    @Test
    void upsert_on_an_external_id_creates_then_updates() throws Exception {
        UpsertResult first = partner.upsert("Code__c", new SObject[] {gadget("one", "K-1")})[0];
        assertTrue(first.isSuccess() && first.isCreated(), () -> Arrays.toString(first.getErrors()));
        UpsertResult second =
                partner.upsert("Code__c", new SObject[] {gadget("renamed", "k-1"), gadget("two", "K-2")})[0];
        assertTrue(second.isSuccess());
        assertFalse(second.isCreated());
        assertEquals(first.getId(), second.getId());
        assertEquals("renamed", server.org().db().retrieve(first.getId()).get("Name"));
        InvalidFieldFault notKey =
                assertThrows(InvalidFieldFault.class, () -> partner.upsert("Name", new SObject[] {gadget("x", null)}));
        assertEquals("INVALID_FIELD", notKey.getExceptionCode().name());
    }
}
