package dev.warden.runner.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IpRangeTest {

    @Test
    void cidrBecomesItsFirstAndLastAddress() {
        IpRange r = IpRange.parse("18.98.16.160/27", null);
        assertEquals("18.98.16.160", r.start());
        assertEquals("18.98.16.191", r.end());
    }

    @Test
    void cidrWithHostBitsIsNormalisedToTheNetwork() {
        assertEquals("10.0.0.0-10.0.0.255", IpRange.parse("10.0.0.77/24", null).toString());
    }

    @Test
    void singleAddressIsARangeOfOne() {
        assertEquals(1, IpRange.parse("13.52.68.184", null).size().intValue());
    }

    @Test
    void slashSevenIsTheLargestIpv4RangeSalesforceAccepts() {
        assertEquals(33554432L, IpRange.parse("8.0.0.0/7", null).size().longValue());
        assertThrows(
                IllegalArgumentException.class,
                () -> IpRange.parse("8.0.0.0/6", null).checkSalesforceLimit());
    }

    @Test
    void aRangeTheOrgAlreadyHoldsIsReadWhateverItsSize() {
        // A profile's login range may allow every address; reading it must not fail (the audit reports it).
        IpRange anywhere = IpRange.parse("0.0.0.0-255.255.255.255", "anywhere");
        assertEquals(4294967296L, anywhere.size().longValue());
        assertTrue(anywhere.overlaps(IpRange.parse("10.0.0.0/8", null))
                && anywhere.contains(IpRange.parse("10.0.0.0/8", null)));
        assertThrows(IllegalArgumentException.class, anywhere::checkSalesforceLimit);
    }

    @Test
    void ipv6RangesAreLimitedToASlash32() {
        assertEquals(
                "2001:db8:0:0:0:0:0:0", IpRange.parse("2001:db8::/32", null).start());
        assertThrows(
                IllegalArgumentException.class,
                () -> IpRange.parse("2001:db8::/31", null).checkSalesforceLimit());
    }

    @Test
    void mixedFamiliesAndHostNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("10.0.0.1-::1", null));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("example.com", null));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("300.1.1.1", null));
    }

    @Test
    void containmentIsByAddressNotByText() {
        IpRange wide = IpRange.parse("10.0.0.0/16", null);
        assertTrue(wide.contains(IpRange.parse("10.0.3.0-10.0.3.9", null)));
        assertFalse(wide.contains(IpRange.parse("10.1.0.0/24", null)));
    }
}
