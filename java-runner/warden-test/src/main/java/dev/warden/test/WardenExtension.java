package dev.warden.test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * The extension behind {@link WardenTest}: gets the org before the class (failing the class with one clear sentence
 * when it cannot: unknown alias, production refused, deploy failed), injects {@link TestOrg} and
 * {@link LocalOrgControl}, and deletes what each test created after it, whether it passed or failed.
 */
public final class WardenExtension
        implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(WardenExtension.class);
    private static final String HOLDER = "holder";
    private static final String CLEANUP = "cleanup";

    /** The org's settings: annotation, then {@code warden.*} configuration parameters / system properties, then environment. */
    static OrgHolder.Settings settings(ExtensionContext context) {
        WardenTest a = context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, WardenTest.class))
                .orElseThrow(() -> new WardenTestException("WardenExtension needs @WardenTest on the test class"));
        String target =
                setting(context, "warden.targetOrg", "WARDEN_TARGET_ORG").orElse(null);
        if (target != null && target.isBlank()) {
            throw new WardenTestException(
                    "warden.targetOrg is empty: give an sf alias or username, or leave it unset for the embedded local org");
        }
        String sf = setting(context, "warden.sf", "WARDEN_SF")
                .filter(s -> !s.isBlank())
                .orElse("sf");
        boolean allowProduction = a.allowProduction()
                || setting(context, "warden.allowProduction", "WARDEN_ALLOW_PRODUCTION")
                        .map(Boolean::parseBoolean)
                        .orElse(false);
        // warden.sf.home: sf's HOME for a real org's alias (tests use a private one); default: the user's own.
        Path sfHome = setting(context, "warden.sf.home", "WARDEN_SF_HOME")
                .filter(h -> !h.isBlank())
                .map(Path::of)
                .orElse(null);
        return new OrgHolder.Settings(
                target,
                sf,
                sfHome,
                a.project().isBlank() ? null : a.project(),
                a.blueprint().isBlank() ? null : a.blueprint(),
                allowProduction,
                a.embeddedAsProduction());
    }

    private static Optional<String> setting(ExtensionContext context, String key, String env) {
        Optional<String> v = context.getConfigurationParameter(key);
        if (v.isEmpty()) {
            v = Optional.ofNullable(System.getProperty(key));
        }
        return v.isPresent() ? v : Optional.ofNullable(System.getenv(env));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (context.getStore(NS).get(HOLDER) != null) {
            return; // a @Nested class uses its outer class's org
        }
        OrgHolder.Settings s = settings(context);
        WardenTest a = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WardenTest.class)
                .orElseThrow();
        OrgHolder holder;
        if (a.scope() == WardenTest.Scope.JVM) {
            holder = context.getRoot().getStore(NS).getOrComputeIfAbsent(s, k -> OrgHolder.open(s), OrgHolder.class);
            context.getStore(NS).put(HOLDER, new Shared(holder));
        } else {
            holder = OrgHolder.open(s);
            context.getStore(NS).put(HOLDER, holder); // closed with the class
        }
    }

    /** A JVM-scoped org seen from a class: not closed with the class. */
    private record Shared(OrgHolder holder) {}

    private static OrgHolder holder(ExtensionContext context) {
        Object h = context.getStore(NS).get(HOLDER);
        if (h instanceof Shared shared) {
            return shared.holder();
        }
        if (h instanceof OrgHolder holder) {
            return holder;
        }
        throw new WardenTestException(
                "no org for " + context.getDisplayName() + " (is the class annotated @WardenTest?)");
    }

    /** The cleanup of this context: per test method, or per class for what lifecycle methods made. */
    private static Cleanup cleanup(ExtensionContext context) {
        return context.getStore(NS)
                .getOrComputeIfAbsent(CLEANUP + ":" + context.getUniqueId(), k -> new Cleanup(), Cleanup.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
        Class<?> t = p.getParameter().getType();
        return t == TestOrg.class || t == LocalOrgControl.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext context) {
        OrgHolder holder = holder(context);
        if (p.getParameter().getType() == LocalOrgControl.class) {
            return new LocalOrgControl(holder);
        }
        return new TestOrg(holder, holder.admin, cleanup(context));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clean(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        clean(context);
    }

    private static void clean(ExtensionContext context) {
        Cleanup c = context.getStore(NS).remove(CLEANUP + ":" + context.getUniqueId(), Cleanup.class);
        if (c == null || c.isEmpty()) {
            return;
        }
        List<String> left = c.run(holder(context).adminRest);
        if (!left.isEmpty()) {
            throw new AssertionFailedError("warden-test could not delete what " + context.getDisplayName()
                    + " created:\n  " + String.join("\n  ", left));
        }
    }
}
