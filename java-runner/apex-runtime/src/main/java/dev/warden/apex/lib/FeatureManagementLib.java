package dev.warden.apex.lib;

import dev.warden.apex.exec.Frame;
import java.util.List;
import java.util.Set;

/** FeatureManagement.checkPermission: the running user's custom permissions, from the host. */
final class FeatureManagementLib implements Builtin {
    @Override
    public String name() {
        return "FeatureManagement";
    }

    @Override
    public Set<String> statics() {
        return Set.of("checkpermission");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        return f.tx.host.hasCustomPermission(f.tx.user().id(), Args.strNotNull(f, a, 0));
    }
}
