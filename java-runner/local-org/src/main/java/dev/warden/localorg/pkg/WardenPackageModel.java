package dev.warden.localorg.pkg;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The package's runtime behaviour in the local org. The org calls {@link #afterChange} from its record-change hook
 * (after insert/update, inside the writing transaction) and {@link #apexRest} for {@code /services/apexrest/...}.
 * The texts come from the {@code WardenScenarios} static resource as deployed now; without it, or without the REST
 * classes deployed, the endpoints answer like an org without the package (404 NOT_FOUND).
 */
public final class WardenPackageModel {
    public static final String VERDICT_CLASS = "WardenVerdictResource";
    public static final String RESTORE_CLASS = "WardenRestoreResource";
    private static final Pattern RESTORE_PATH = Pattern.compile("^/warden/v1/quarantine/([^/]+)/restore/?$");

    private final PackageOrg org;
    private final CaptureModel capture;

    public WardenPackageModel(PackageOrg org) {
        this.org = org;
        this.capture = new CaptureModel(org);
    }

    /**
     * Wires the model into a local org: an after-insert/after-update listener on each captured object (the stand-in
     * for the package's triggers, active only while those triggers are deployed and Active). The org's REST layer
     * routes {@code /services/apexrest/*} to {@link #apexRest} on the returned model.
     */
    public static WardenPackageModel install(dev.warden.localorg.setup.Org org) {
        WardenPackageModel model = new WardenPackageModel(new OrgPackageOrg(org));
        acceptAnyFirstPublishLocation(org);
        for (String object : CaptureModel.objects()) {
            org.db().addListener(object, new dev.warden.localorg.data.RecordChangeListener() {
                @Override
                public void afterChange(dev.warden.localorg.data.RecordChange change) {
                    if (change.after() == null || (change.operation() != dev.warden.localorg.data.RecordChange.Operation.INSERT
                            && change.operation() != dev.warden.localorg.data.RecordChange.Operation.UPDATE)) {
                        return;
                    }
                    Map<String, Object> before = change.before() == null ? null : change.before().toMap();
                    model.afterChange(change.objectName(), change.caller().userId(), before, change.after().toMap());
                }
            });
        }
        return model;
    }

    /**
     * The quarantine writer publishes each private copy to its Quarantine_Item__c record
     * ({@code FirstPublishLocationId = item id}), as the platform allows for any record that can own files. The local
     * org's standard schema limits the field to User and Organization; until it lists custom objects too, the model
     * widens it to any record so the package behaves here as in a real org.
     */
    private static void acceptAnyFirstPublishLocation(dev.warden.localorg.setup.Org org) {
        var type = org.schema().get("ContentVersion");
        var field = type == null ? null : type.field("FirstPublishLocationId");
        if (field != null && !field.referenceTo().isEmpty()) {
            org.schema().putField("ContentVersion", dev.warden.localorg.model.FieldDef.of("FirstPublishLocationId",
                    dev.warden.localorg.model.FieldType.REFERENCE).label(field.label()).createOnly().build());
        }
    }

    /** Capture hook; never fails the user's save (like WardenCapture, errors are swallowed and logged). */
    public String afterChange(String objectName, String userId, Map<String, Object> before, Map<String, Object> after) {
        try {
            return capture.afterChange(objectName, userId, before, after);
        } catch (RuntimeException e) {
            System.getLogger(WardenPackageModel.class.getName()).log(System.Logger.Level.WARNING,
                    "Warden capture failed: " + e.getMessage());
            return null;
        }
    }

    /**
     * Answers an Apex REST call of the package, or empty when the path is not one of its resources (or the resource
     * class is not deployed), so the org answers its usual 404.
     *
     * @param path the part after {@code /services/apexrest}, e.g. {@code /warden/v1/verdicts}
     */
    public Optional<ApexRestAnswer> apexRest(String method, String path, String userId, byte[] body) {
        String p = path.startsWith("/") ? path : "/" + path;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        if (p.equals("/warden/v1/verdicts") || p.equals("/warden/v1/verdicts/")) {
            if (!org.apexClassDeployed(VERDICT_CLASS)) {
                return Optional.empty();
            }
            if (!"POST".equals(method)) {
                return Optional.of(methodNotAllowed(method));
            }
            Optional<WardenTexts> texts = texts();
            return texts.map(t -> new VerdictModel(org, t).submit(userId, body == null ? null : new String(body, StandardCharsets.UTF_8)))
                    .or(() -> Optional.of(textsMissing()));
        }
        if (p.startsWith("/warden/v1/quarantine/")) {
            if (!org.apexClassDeployed(RESTORE_CLASS)) {
                return Optional.empty();
            }
            if (!"POST".equals(method)) {
                return Optional.of(methodNotAllowed(method));
            }
            Matcher m = RESTORE_PATH.matcher(p);
            String itemId = m.matches() ? m.group(1) : p.substring("/warden/v1/quarantine/".length());
            Optional<WardenTexts> texts = texts();
            return texts.map(t -> new RestoreModel(org, t).restore(userId, itemId)).or(() -> Optional.of(textsMissing()));
        }
        return Optional.empty();
    }

    private Optional<WardenTexts> texts() {
        return org.staticResource(WardenTexts.RESOURCE_NAME).map(WardenTexts::parse);
    }

    /** What Apex answers when WardenTexts throws: an unhandled exception in the REST resource. */
    private static ApexRestAnswer textsMissing() {
        return new ApexRestAnswer(500, "[{\"errorCode\":\"APEX_ERROR\",\"message\":\"WardenTexts.WardenTextsException: Static resource "
                + WardenTexts.RESOURCE_NAME + " is missing\"}]");
    }

    private static ApexRestAnswer methodNotAllowed(String method) {
        return new ApexRestAnswer(405, "[{\"errorCode\":\"METHOD_NOT_ALLOWED\",\"message\":\"HTTP Method '" + method
                + "' not allowed. Allowed are POST\"}]");
    }
}
