package dev.warden.apex.exec;

import dev.warden.apex.lower.UnsupportedFeature;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Platform types this runtime knows by name but does not implement. Code that names them compiles, as it does on
 * Salesforce (a deploy compiles every class, also code no test reaches); whatever would use them at run time (a
 * constructor, a static method, a static property or enum constant) fails when it is reached with "not supported by
 * the local org's Apex runtime: X" and its line, never with an invented result. Instance methods need a value, which
 * only those failing constructors and statics could produce. The names are the Apex reference's (System, ApexPages,
 * Cache, DataWeave, EventBus, Messaging, VisualEditor namespaces); what each method would do is not modelled.
 */
public final class PlatformCatalogue {
    private PlatformCatalogue() {}

    /** Types by canonical Apex name; the System namespace may also be written out (System.PageReference). */
    private static final Set<String> TYPES = Set.of(
            // Visualforce
            "PageReference",
            "ApexPages.StandardController",
            "ApexPages.StandardSetController",
            "ApexPages.Message",
            "ApexPages.Severity",
            "ApexPages.Action",
            "Component.Apex.OutputText",
            // change data capture: the header of a change event (EventBus.ChangeEventHeader)
            "EventBus.ChangeEventHeader",
            "EventBus.TriggerContext",
            // Platform Cache
            "Cache.CacheBuilder",
            "Cache.Org",
            "Cache.Session",
            "Cache.OrgPartition",
            "Cache.SessionPartition",
            "Cache.Partition",
            "Cache.Visibility",
            // request context, security
            "Request",
            "Quiddity",
            "SObjectAccessDecision",
            "Security",
            "AccessType",
            // DataWeave in Apex
            "DataWeave.Script",
            "DataWeave.Result",
            // email
            "Messaging",
            "Messaging.InboundEmailHandler",
            "Messaging.InboundEmail",
            "Messaging.InboundEmail.BinaryAttachment",
            "Messaging.InboundEmail.TextAttachment",
            "Messaging.InboundEmail.Header",
            "Messaging.InboundEnvelope",
            "Messaging.InboundEmailResult",
            "Messaging.SingleEmailMessage",
            "Messaging.MassEmailMessage",
            "Messaging.Email",
            "Messaging.SendEmailResult",
            "Messaging.SendEmailError",
            "Messaging.EmailFileAttachment",
            "Messaging.RenderEmailTemplateBodyResult",
            "Messaging.CustomNotification",
            // Lightning App Builder design-time picklists
            "VisualEditor.DynamicPickList",
            "VisualEditor.DataRow",
            "VisualEditor.DynamicPickListRows",
            "VisualEditor.DesignTimePageContext",
            // App Launcher sort order
            "AppLauncher.AppMenu",
            // scheduled Apex (System.schedule is not supported) and platform event publish callbacks
            "SchedulableContext",
            "EventBus.EventPublishFailureCallback",
            "EventBus.EventPublishSuccessCallback",
            "EventBus.FailureResult",
            "EventBus.SuccessResult");

    /**
     * Names that are no type but answer static members: {@code Page.myPage} is a PageReference to a Visualforce page
     * (Salesforce checks at compile time that the page exists; the local org does not, a known difference).
     */
    private static final Set<String> STATIC_ONLY = Set.of("page");

    /** Interfaces a user class may implement: the class compiles; the platform never calls it here. */
    private static final Set<String> INTERFACES = Set.of(
            "Cache.CacheBuilder",
            "Messaging.InboundEmailHandler",
            "EventBus.EventPublishFailureCallback",
            "EventBus.EventPublishSuccessCallback");

    /**
     * Families of types generated from the org's metadata: {@code DataWeaveScriptResource.<script>} names a deployed
     * DataWeave script (UNCONFIRMED whether Salesforce checks the script exists at compile time; not checked here).
     */
    private static final Set<String> PREFIXES = Set.of("dataweavescriptresource.");

    /** Abstract platform classes a user class may extend (their methods are the user's overrides). */
    private static final Set<String> EXTENDABLE = Set.of("VisualEditor.DynamicPickList");

    /** Exceptions of the System namespace beyond {@link Program#PLATFORM_EXCEPTIONS}, so catch clauses compile. */
    static final java.util.List<String> EXCEPTIONS = java.util.List.of(
            "DataWeaveScriptException", "EmailTemplateRenderException", "VisualforceException", "AuraHandledException");

    private static final Map<String, String> BY_KEY =
            TYPES.stream().collect(Collectors.toMap(n -> n.toLowerCase(Locale.ROOT), n -> n));

    /** The canonical name of a catalogued type written as {@code key} (lower case, dotted), or null. */
    public static String type(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        String n = BY_KEY.get(k);
        if (n == null && k.startsWith("system.")) {
            n = BY_KEY.get(k.substring(7));
        }
        if (n == null) {
            for (String p : PREFIXES) {
                if (k.startsWith(p) && k.length() > p.length() && k.indexOf('.', p.length()) < 0) {
                    return "DataWeaveScriptResource." + key.substring(p.length());
                }
            }
        }
        return n;
    }

    /** True when {@code key} names a catalogued type or the namespace of one (ApexPages, Cache.Org, ...). */
    public static boolean isTarget(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (type(k) != null || STATIC_ONLY.contains(k)) {
            return true;
        }
        for (String t : BY_KEY.keySet()) {
            if (t.startsWith(k + ".")) {
                return true;
            }
        }
        return false;
    }

    /** How a catalogued type or namespace is written in messages: ApexPages, Cache.Org, PageReference. */
    static String display(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        String n = type(k);
        if (n != null) {
            return n;
        }
        if (STATIC_ONLY.contains(k)) {
            return Character.toUpperCase(k.charAt(0)) + k.substring(1);
        }
        for (String t : TYPES) {
            if (t.toLowerCase(Locale.ROOT).startsWith(k + ".")) {
                return t.substring(0, k.length());
            }
        }
        return key;
    }

    public static boolean implementable(String canonical) {
        return INTERFACES.contains(canonical);
    }

    public static boolean extendable(String canonical) {
        return EXTENDABLE.contains(canonical);
    }

    /** A compiled expression that fails when it runs: the catalogued feature is named, with the line reached. */
    static C failsWhenRun(String feature, RType type) {
        return new C(
                f -> {
                    throw (UnsupportedFeature) Errors.unsupported(feature, f);
                },
                type);
    }
}
