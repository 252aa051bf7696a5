package dev.warden.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A production org is refused before any test runs or anything is written, unless allowed. */
class ProductionRefusalTest {

    @KitOnly
    @WardenTest(embeddedAsProduction = true)
    static class OnProduction {
        static volatile boolean ran;

        @Test
        void wouldWrite(TestOrg org) {
            ran = true;
            org.records().insert("Account", "Name", "must not exist");
        }
    }

    @KitOnly
    @WardenTest(embeddedAsProduction = true, allowProduction = true)
    static class OnProductionAllowed {
        @Test
        void writes(TestOrg org) {
            org.records().insert("Account", "Name", "allowed");
        }
    }

    @Test
    void aProductionOrgFailsTheClassWithTheReasonAndTheWayOut() {
        var summary = Kit.run(OnProduction.class, Map.of());
        assertEquals(1, summary.getTotalFailureCount());
        String message = Kit.failureMessages(summary).get(0);
        assertTrue(
                message.contains("is a production org (Enterprise Edition")
                        && message.contains("allowProduction = true"),
                message);
        assertEquals(false, OnProduction.ran);
    }

    @Test
    void allowProductionLetsItRun() {
        var summary = Kit.run(OnProductionAllowed.class, Map.of());
        assertEquals(
                0, summary.getTotalFailureCount(), Kit.failureMessages(summary).toString());
        assertEquals(1, summary.getTestsSucceededCount());
    }
}
