package dev.warden.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class an org: {@link TestOrg} (and {@link LocalOrgControl}) parameters in tests and lifecycle methods.
 *
 * <p>Which org: the real org named by the system property (or JUnit configuration parameter) {@code warden.targetOrg}
 * or the environment variable {@code WARDEN_TARGET_ORG} (an sf alias or username), else the embedded local org,
 * started in this JVM. The same test code runs on both.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(WardenExtension.class)
public @interface WardenTest {

    /** {@link #project()} value: Warden's own package (force-app as built into the warden-package jar). */
    String WARDEN_PACKAGE = "builtin:warden";

    /** How long an embedded org lives: one per test class (default), or one per JVM shared by classes with the same settings. */
    Scope scope() default Scope.CLASS;

    /**
     * An SFDX project directory (relative to the working directory) whose {@code force-app} is deployed before the
     * first test, e.g. {@code "."}, or {@link #WARDEN_PACKAGE}; empty: nothing deployed. On a real org it is deployed there too.
     */
    String project() default "";

    /** A blueprint provisioned after the deploy ({@code builtin:warden} or a YAML file), by Warden's own provision; empty: none. */
    String blueprint() default "";

    /** Allow a production org (by default refused before anything is written: tests write and delete data). */
    boolean allowProduction() default false;

    /** Embedded org only: present it as a production org (Enterprise Edition, not a sandbox): to test the refusal. */
    boolean embeddedAsProduction() default false;

    enum Scope {
        CLASS,
        JVM
    }
}
