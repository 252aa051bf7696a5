package dev.warden.apex.test;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Line coverage per class or trigger: executable lines are statement start lines plus field initialiser lines
 * (UNCONFIRMED against Salesforce's rules: it may count method signatures, braces of else blocks and multi-line
 * statements differently), covered lines those a test executed.
 */
public record Coverage(Map<String, BitSet> executable, Map<String, BitSet> covered) {
    /** Covered lines of a unit, limited to its executable lines. */
    public BitSet coveredLines(String unit) {
        BitSet c = (BitSet) covered.getOrDefault(unit, new BitSet()).clone();
        c.and(executable.getOrDefault(unit, new BitSet()));
        return c;
    }

    public BitSet uncoveredLines(String unit) {
        BitSet u = (BitSet) executable.getOrDefault(unit, new BitSet()).clone();
        u.andNot(covered.getOrDefault(unit, new BitSet()));
        return u;
    }

    /** Percent covered per unit, in unit order. */
    public Map<String, Double> percentages() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String unit : executable.keySet()) {
            int total = executable.get(unit).cardinality();
            out.put(unit, total == 0 ? 100.0 : 100.0 * coveredLines(unit).cardinality() / total);
        }
        return out;
    }
}
