package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.text;

import dev.warden.localorg.setup.IpRange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/** IP ranges in profiles (loginIpRanges) and SecuritySettings (networkAccess). */
final class IpRanges {
    private static final BigInteger IPV4_MAX_RANGE = BigInteger.ONE.shiftLeft(25);
    private static final BigInteger IPV6_MAX_RANGE = BigInteger.ONE.shiftLeft(96);

    private IpRanges() {}

    /** Parses ranges, rejecting reversed, mixed-family and over-broad ones (metadata-and-api.md 5.1). */
    static List<IpRange> parse(List<Element> elements, String startName, String endName) {
        List<IpRange> out = new ArrayList<>();
        for (Element r : elements) {
            String start = text(r, startName);
            String end = text(r, endName);
            IpRange range = new IpRange(start, end, text(r, "description"));
            boolean v4 = !start.contains(":");
            if (range.size().compareTo(v4 ? IPV4_MAX_RANGE : IPV6_MAX_RANGE) > 0) {
                throw new IllegalArgumentException("IP range " + start + "-" + end + " is too large: it covers "
                        + range.size() + " addresses; the limit is "
                        + (v4 ? "33,554,432 (2^25) for IPv4" : "2^96 for IPv6"));
            }
            out.add(range);
        }
        return out;
    }
}
