package dev.warden.apex.lib;

import dev.warden.apex.exec.Frame;
import dev.warden.apex.host.DmlError;
import dev.warden.apex.host.DmlRowResult;
import dev.warden.apex.lower.TypeRef;
import dev.warden.apex.value.ApexId;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.EnumValue;
import java.util.ArrayList;
import java.util.List;

/** Database.SaveResult / DeleteResult / UpsertResult and their Database.Error list. */
public record SaveResultValue(String apexType, DmlRowResult result) implements Native {
    @Override
    public Object call(Frame f, String m, List<Object> a) {
        switch (m) {
            case "issuccess":
                return result.success();
            case "getid":
                return result.id() == null ? null : ApexId.parse(result.id());
            case "iscreated":
                return result.created();
            case "geterrors": {
                List<Object> errors = new ArrayList<>();
                for (DmlError e : result.errors()) {
                    errors.add(new ErrorValue(e));
                }
                return new ApexList(TypeRef.of("Database.Error", null), errors);
            }
            default:
                throw Args.noSuch(f, apexType, m, a);
        }
    }

    /** Database.Error. */
    public record ErrorValue(DmlError error) implements Native {
        @Override
        public String apexType() {
            return "Database.Error";
        }

        @Override
        public Object call(Frame f, String m, List<Object> a) {
            return switch (m) {
                case "getstatuscode" -> new EnumValue("System.StatusCode", error.statusCode(), 0);
                case "getmessage" -> error.message();
                case "getfields" -> new ApexList(TypeRef.of("String", null), new ArrayList<>(error.fields()));
                default -> throw Args.noSuch(f, "Database.Error", m, a);
            };
        }
    }
}
