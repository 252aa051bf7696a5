package dev.warden.localorg.setup;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address range as in Network Access (trusted ranges) and profile Login IP Ranges: inclusive start and end,
 * same family (salesforce-metadata-and-api.md 5.1/5.2).
 */
public record IpRange(String start, String end, String description) {

    public IpRange {
        byte[] s = parse(start);
        byte[] e = parse(end);
        if (s.length != e.length) {
            throw new IllegalArgumentException("IP range " + start + "-" + end + " mixes IPv4 and IPv6");
        }
        if (new BigInteger(1, s).compareTo(new BigInteger(1, e)) > 0) {
            throw new IllegalArgumentException("IP range " + start + "-" + end + " starts after it ends");
        }
    }

    public boolean contains(String address) {
        byte[] a;
        try {
            a = parse(address);
        } catch (IllegalArgumentException ex) {
            return false;
        }
        byte[] s = parse(start);
        if (a.length != s.length) {
            return false;
        }
        BigInteger v = new BigInteger(1, a);
        return v.compareTo(new BigInteger(1, s)) >= 0 && v.compareTo(new BigInteger(1, parse(end))) <= 0;
    }

    /** Number of addresses in the range (Salesforce caps IPv4 trusted ranges at 2^25). */
    public BigInteger size() {
        return new BigInteger(1, parse(end))
                .subtract(new BigInteger(1, parse(start)))
                .add(BigInteger.ONE);
    }

    static byte[] parse(String literal) {
        if (literal == null || literal.isBlank() || !literal.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("not an IP address: " + literal);
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }
}
