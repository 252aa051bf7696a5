package dev.warden.localorg.apex;

import dev.warden.soql.ChildRelationship;
import dev.warden.soql.SObjectInfo;
import dev.warden.soql.SoqlRow;
import dev.warden.soql.SoqlSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * A running test's view of the store (SeeAllData=false): rows the filter rejects do not exist for the test's
 * queries, neither as query rows nor when a reference is followed.
 */
final class TestVisibleSource implements SoqlSource {
    private final SoqlSource base;
    private final BiPredicate<String, String> visible;

    TestVisibleSource(SoqlSource base, BiPredicate<String, String> visible) {
        this.base = base;
        this.visible = visible;
    }

    @Override
    public SObjectInfo describe(String objectName) {
        return base.describe(objectName);
    }

    @Override
    public Iterable<SoqlRow> rows(String objectApiName, boolean includeDeleted) {
        List<SoqlRow> out = new ArrayList<>();
        for (SoqlRow r : base.rows(objectApiName, includeDeleted)) {
            if (visible.test(r.objectName(), r.id())) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public SoqlRow byId(String id) {
        SoqlRow r = base.byId(id);
        return r == null || !visible.test(r.objectName(), r.id()) ? null : r;
    }

    @Override
    public List<ChildRelationship> childRelationships(String objectApiName) {
        return base.childRelationships(objectApiName);
    }

    @Override
    public Function<SoqlRow, Object> accessor(String objectApiName, String canonicalFieldName) {
        return base.accessor(objectApiName, canonicalFieldName);
    }
}
