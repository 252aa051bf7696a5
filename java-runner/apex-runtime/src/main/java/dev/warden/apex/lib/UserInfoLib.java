package dev.warden.apex.lib;

import dev.warden.apex.exec.Frame;
import dev.warden.apex.host.HostUser;
import dev.warden.apex.value.ApexId;
import java.util.List;
import java.util.Set;

/** UserInfo: the running user (follows System.runAs). */
final class UserInfoLib implements Builtin {
    @Override
    public String name() {
        return "UserInfo";
    }

    @Override
    public Set<String> statics() {
        return Set.of(
                "getuserid",
                "getorganizationid",
                "getusername",
                "getname",
                "getuseremail",
                "getprofileid",
                "getusertype",
                "gettimezone",
                "getlocale",
                "getlanguage");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        HostUser u = f.tx.user();
        return switch (m) {
            case "getuserid" -> ApexId.parse(u.id());
            case "getorganizationid" -> ApexId.parse(u.organizationId());
            case "getusername" -> u.userName();
            case "getname" -> u.name();
            case "getuseremail" -> u.email();
            case "getprofileid" -> u.profileId() == null ? null : ApexId.parse(u.profileId());
            case "getusertype" -> "Standard";
            case "getlocale" -> "en_US";
            case "getlanguage" -> "en_US";
            default -> throw Args.noSuch(f, "UserInfo", m, a);
        };
    }
}
