package dev.warden.soql.eval;

import dev.warden.soql.ColumnInfo;
import dev.warden.soql.FieldInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Column metadata ({@code columns=true}) for a SELECT list. */
final class Columns {
    private Columns() {}

    /**
     * Column metadata as Salesforce answers {@code columns=true}: one column per top-level name, relationship paths
     * merged under their relationship (apexType null, fields in joinColumns), displayName = columnName at every level.
     */
    static List<ColumnInfo> columns(List<?> outputs) {
        Map<String, ColumnNode> top = new LinkedHashMap<>();
        for (Object out : outputs) {
            if (out instanceof Executor.ChildPlan plan) {
                ColumnNode node = new ColumnNode(plan.name(), plan.name(), null);
                node.aggregate = true;
                node.fixed = columns(plan.fields());
                top.put(plan.name().toLowerCase(Locale.ROOT), node);
                continue;
            }
            BoundField f = (BoundField) out;
            Map<String, ColumnNode> level = top;
            for (FieldInfo hop : f.hops()) {
                String rel = hop.relationshipName();
                ColumnNode node =
                        level.computeIfAbsent(rel.toLowerCase(Locale.ROOT), k -> new ColumnNode(rel, rel, null));
                level = node.children;
            }
            String name = f.field().name();
            level.putIfAbsent(
                    name.toLowerCase(Locale.ROOT),
                    new ColumnNode(name, name, f.field().type().apexType()));
        }
        return ColumnNode.build(top);
    }

    private static final class ColumnNode {
        final String name;
        final String display;
        final String apexType;
        final Map<String, ColumnNode> children = new LinkedHashMap<>();
        boolean aggregate;
        List<ColumnInfo> fixed;

        ColumnNode(String name, String display, String apexType) {
            this.name = name;
            this.display = display;
            this.apexType = apexType;
        }

        static List<ColumnInfo> build(Map<String, ColumnNode> nodes) {
            List<ColumnInfo> out = new ArrayList<>();
            for (ColumnNode n : nodes.values()) {
                out.add(new ColumnInfo(
                        n.name, n.display, n.aggregate, n.apexType, n.fixed != null ? n.fixed : build(n.children)));
            }
            return out;
        }
    }
}
