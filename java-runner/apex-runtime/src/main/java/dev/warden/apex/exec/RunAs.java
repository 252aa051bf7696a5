package dev.warden.apex.exec;

import dev.warden.apex.host.HostUser;
import dev.warden.apex.value.SObjectValue;

/** System.runAs(user) { ... }: the host sees that user (UserInfo, permissions, object access) inside the block. */
final class RunAs {
    private RunAs() {}

    static int run(Frame f, Object user, Ex body) {
        if (!f.tx.runningTest) {
            throw Errors.unsupported("System.runAs outside a test", f);
        }
        if (!(user instanceof SObjectValue u) || !u.schema.is("User") || u.id() == null) {
            throw Errors.npe(f);
        }
        HostUser hu = f.tx.host.user(u.id().toString());
        if (hu == null) {
            throw Errors.apex(f, "SObjectException", "User not found: " + u.id());
        }
        f.tx.users.push(hu);
        try {
            return body.exec(f);
        } finally {
            f.tx.users.pop();
        }
    }
}
