package dev.warden.runner.salesforce.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localorg.LocalOrg;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.runner.blueprint.IpRange;
import dev.warden.runner.salesforce.ApiBudget;
import dev.warden.runner.salesforce.CallCounter;
import dev.warden.runner.salesforce.SalesforceException;
import dev.warden.runner.salesforce.Session;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Trusted and login IP ranges through the real Metadata SOAP API (WSC) of the local org, IPv4 and IPv6. */
class SoapMetadataIpRangesTest {
    static LocalOrg org;
    static SoapMetadata metadata;

    @BeforeAll
    static void start() {
        org = LocalOrg.start(LocalOrgOptions.defaults());
        metadata = new SoapMetadata(
                new Session(org.instanceUrl(), org.adminAccessToken(), org.adminUsername(), org.orgId()),
                new ApiBudget(10),
                new CallCounter(),
                s -> {});
    }

    @AfterAll
    static void stop() {
        org.close();
    }

    @Test
    void ipv6AndIpv4TrustedRangesAreWrittenAndReadBack() {
        List<IpRange> ranges =
                List.of(IpRange.parse("2001:db8::/48", "v6 office"), IpRange.parse("198.51.100.0/24", "v4 office"));
        metadata.writeTrustedRanges(ranges);
        List<IpRange> read = metadata.network(null).trustedRanges();
        assertEquals(2, read.size(), read.toString());
        for (IpRange r : ranges) {
            assertTrue(read.stream().anyMatch(r::sameAddresses), r + " in " + read);
        }
    }

    @Test
    void ipv6ProfileLoginRangesAreWrittenAndReadBack() {
        metadata.writeProfileLoginRanges("Standard User", List.of(IpRange.parse("2001:db8:1::/64", "v6")));
        List<IpRange> read = metadata.network("Standard User").profileLoginRanges();
        assertTrue(
                read.size() == 1 && read.get(0).sameAddresses(IpRange.parse("2001:db8:1::/64", null)), read.toString());
    }

    @Test
    void aRefusedWriteNamesSalesforcesErrorNeverNull() {
        SalesforceException e = assertThrows(
                SalesforceException.class,
                () -> metadata.writeProfileLoginRanges(
                        "No Such Profile", List.of(IpRange.parse("2001:db8::/48", null))));
        assertEquals("INVALID_CROSS_REFERENCE_KEY", e.errorCode());
        assertTrue(e.getMessage().contains("No Such Profile") && !e.getMessage().contains("null"), e.getMessage());
    }
}
