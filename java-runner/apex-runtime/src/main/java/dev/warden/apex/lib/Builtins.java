package dev.warden.apex.lib;

import dev.warden.apex.exec.RType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The platform types with static members, by lower-cased name (with and without their namespace). */
public final class Builtins {
    private static final Map<String, Builtin> BY_NAME = new HashMap<>();

    static {
        for (Builtin b : List.of(
                new StringLib(),
                new SystemLib(),
                new AssertLib(),
                new JsonLib(),
                new PatternLib(),
                new MathLib(),
                new NumberLib("Integer"),
                new NumberLib("Decimal"),
                new NumberLib("Long"),
                new NumberLib("Double"),
                new BooleanLib(),
                new IdLib(),
                new BlobLib(),
                new DateLib(),
                new DatetimeLib(),
                new UserInfoLib(),
                new LimitsLib(),
                new DatabaseLib(),
                new TestLib(),
                new CryptoLib(),
                new EncodingUtilLib(),
                new FeatureManagementLib(),
                new EventBusLib(),
                new RestContextLib(),
                new TriggerLib(),
                new EnumLib("AccessLevel", "USER_MODE", "SYSTEM_MODE"),
                new EnumLib("LoggingLevel", "NONE", "ERROR", "WARN", "INFO", "DEBUG", "FINE", "FINER", "FINEST"),
                new EnumLib(
                        "TriggerOperation",
                        "BEFORE_INSERT",
                        "BEFORE_UPDATE",
                        "BEFORE_DELETE",
                        "AFTER_INSERT",
                        "AFTER_UPDATE",
                        "AFTER_DELETE",
                        "AFTER_UNDELETE"),
                new EnumLib("SObjectDescribeOptions", "FULL", "DEFERRED", "DEFAULT"),
                new StatusCodeLib(),
                new TypeLib(),
                new SchemaLib())) {
            BY_NAME.put(b.name().toLowerCase(java.util.Locale.ROOT), b);
        }
        BY_NAME.put("system.string", BY_NAME.get("string"));
        BY_NAME.put("system.assert", BY_NAME.get("assert"));
        BY_NAME.put("system.json", BY_NAME.get("json"));
        BY_NAME.put("system.test", BY_NAME.get("test"));
        BY_NAME.put("system.limits", BY_NAME.get("limits"));
        BY_NAME.put("system.userinfo", BY_NAME.get("userinfo"));
        BY_NAME.put("system.accesslevel", BY_NAME.get("accesslevel"));
        BY_NAME.put("system.logginglevel", BY_NAME.get("logginglevel"));
        BY_NAME.put("system.statuscode", BY_NAME.get("statuscode"));
        BY_NAME.put("system.type", BY_NAME.get("type"));
        BY_NAME.put("system.restcontext", BY_NAME.get("restcontext"));
        BY_NAME.put("system.triggeroperation", BY_NAME.get("triggeroperation"));
        BY_NAME.put("schema.sobjectdescribeoptions", BY_NAME.get("sobjectdescribeoptions"));
    }

    private Builtins() {}

    public static Builtin get(String key) {
        return BY_NAME.get(key);
    }

    /** Static return types the compiler uses for field checks (null when only known at run time). */
    public static RType returnType(String key, String method, List<?> args) {
        return switch (key + "." + method) {
            case "string.valueof", "string.join", "string.format", "string.escapesinglequotes" -> RType.STRING_T;
            case "userinfo.getuserid", "userinfo.getorganizationid", "userinfo.getprofileid", "id.valueof" ->
                RType.ID_T;
            case "system.now" -> RType.DATETIME_T;
            case "system.today", "date.today" -> RType.DATE_T;
            default -> null;
        };
    }
}
