package dev.warden.runner.blueprint;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An inclusive IP address range, parsed from CIDR ({@code 10.0.0.0/24}), {@code start-end} or a single address.
 * Salesforce rejects IPv4 ranges over 2^25 addresses (a /7) and IPv6 ranges over 2^96 (a /32), so a range that
 * Setup would refuse is refused here, before any write.
 */
public record IpRange(String start, String end, String description) {

    static final BigInteger MAX_IPV4_SIZE = BigInteger.ONE.shiftLeft(25);
    static final BigInteger MAX_IPV6_SIZE = BigInteger.ONE.shiftLeft(96);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    public IpRange {
        BigInteger s = toNumber(start);
        BigInteger e = toNumber(end);
        if (isV4(start) != isV4(end)) {
            throw new IllegalArgumentException("range " + start + "-" + end + " mixes IPv4 and IPv6");
        }
        if (s.compareTo(e) > 0) {
            throw new IllegalArgumentException("range " + start + "-" + end + " is reversed (start is after end)");
        }
    }

    /**
     * This range, when Salesforce accepts it as a trusted range (at most 2^25 IPv4 or 2^96 IPv6 addresses); a range
     * the org already holds is kept whatever its size (a profile's login range may allow every address, which the
     * audit reports).
     */
    public IpRange checkSalesforceLimit() {
        BigInteger size = size();
        BigInteger max = isIpv4() ? MAX_IPV4_SIZE : MAX_IPV6_SIZE;
        if (size.compareTo(max) > 0) {
            throw new IllegalArgumentException("range " + start + "-" + end + " holds " + size
                    + " addresses; Salesforce allows at most " + (isIpv4() ? "2^25 (a /7)" : "2^96 (a /32)"));
        }
        return this;
    }

    /** Parses {@code a.b.c.d/n}, {@code start-end} or a single address. */
    public static IpRange parse(String text, String description) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty IP range");
        }
        String t = text.trim();
        if (t.contains("/")) {
            String[] parts = t.split("/", -1);
            if (parts.length != 2 || !parts[1].matches("\\d{1,3}")) {
                throw new IllegalArgumentException("'" + t + "' is not CIDR notation (address/prefix)");
            }
            String base = parts[0];
            int prefix = Integer.parseInt(parts[1]);
            int bits = isV4(base) ? 32 : 128;
            if (prefix > bits) {
                throw new IllegalArgumentException(
                        "'" + t + "': prefix /" + prefix + " is longer than " + bits + " bits");
            }
            BigInteger n = toNumber(base);
            BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
            BigInteger first = n.andNot(hostMask);
            BigInteger last = first.or(hostMask);
            return new IpRange(toText(first, bits), toText(last, bits), description);
        }
        int dash = t.indexOf('-');
        if (dash > 0) {
            return new IpRange(
                    t.substring(0, dash).trim(), t.substring(dash + 1).trim(), description);
        }
        return new IpRange(t, t, description);
    }

    public boolean isIpv4() {
        return isV4(start);
    }

    public BigInteger size() {
        return toNumber(end).subtract(toNumber(start)).add(BigInteger.ONE);
    }

    /** True when every address of {@code other} lies inside this range. */
    public boolean contains(IpRange other) {
        return isIpv4() == other.isIpv4()
                && toNumber(start).compareTo(toNumber(other.start)) <= 0
                && toNumber(end).compareTo(toNumber(other.end)) >= 0;
    }

    /** True when the two ranges share at least one address. */
    public boolean overlaps(IpRange other) {
        return isIpv4() == other.isIpv4()
                && toNumber(start).compareTo(toNumber(other.end)) <= 0
                && toNumber(other.start).compareTo(toNumber(end)) <= 0;
    }

    public boolean sameAddresses(IpRange other) {
        return isIpv4() == other.isIpv4()
                && toNumber(start).equals(toNumber(other.start))
                && toNumber(end).equals(toNumber(other.end));
    }

    @Override
    public String toString() {
        return start.equals(end) ? start : start + "-" + end;
    }

    private static boolean isV4(String address) {
        return address != null && IPV4.matcher(address).matches();
    }

    static BigInteger toNumber(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("empty IP address");
        }
        if (isV4(address)) {
            BigInteger n = BigInteger.ZERO;
            for (String octet : address.split("\\.")) {
                int v = Integer.parseInt(octet);
                if (v > 255) {
                    throw new IllegalArgumentException(
                            "'" + address + "' is not an IPv4 address (octet " + v + " > 255)");
                }
                n = n.shiftLeft(8).add(BigInteger.valueOf(v));
            }
            return n;
        }
        // Only literals reach InetAddress (the pattern admits no host names), so this never does a DNS lookup.
        if (!address.contains(":") || !IPV6.matcher(address).matches()) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address");
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                throw new IllegalArgumentException("'" + address + "' is an IPv4-mapped address; write it as IPv4");
            }
            return new BigInteger(1, bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address");
        }
    }

    private static String toText(BigInteger n, int bits) {
        if (bits == 32) {
            long v = n.longValue();
            return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
        }
        byte[] raw = n.toByteArray();
        byte[] bytes = new byte[16];
        int copy = Math.min(raw.length, 16);
        System.arraycopy(raw, raw.length - copy, bytes, 16 - copy, copy);
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
