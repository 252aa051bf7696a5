package dev.warden.runner.connect;

import dev.warden.runner.salesforce.ApiBudget;
import dev.warden.runner.salesforce.CallCounter;
import dev.warden.runner.salesforce.Session;
import dev.warden.runner.salesforce.sfcli.SfCli;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Orgs a caller in this JVM already holds (a test's embedded org, or any instance URL + token), registered under a
 * generated target name ({@code held-N}). {@link OrgConnection#open} asks here first, so a command run in process
 * with {@code --target-org held-N} works on that org and never starts a second one. sf, when a command needs it, is
 * logged in to the org by access token under the same name, in the entry's own sf HOME (the user's sf auth is never
 * touched). The token stays in memory only.
 */
public final class HeldOrgs {
    private static final String PREFIX = "held-";
    private static final AtomicLong NEXT = new AtomicLong(1);
    private static final Map<String, Entry> HELD = new ConcurrentHashMap<>();

    private HeldOrgs() {}

    record Entry(Session session, Path sfHome) {}

    /** Registers the session; returns the target name to pass as {@code --target-org}. */
    public static String register(Session session, Path sfHome) {
        String name = PREFIX + NEXT.getAndIncrement();
        HELD.put(name, new Entry(session, sfHome));
        return name;
    }

    public static void release(String name) {
        HELD.remove(name);
    }

    /** A connection on a held org, or null when {@code target} is not one (then it is an sf alias, or the embedded org). */
    public static OrgConnection open(
            String target, SfCli sf, CallCounter counter, ApiBudget budget, Consumer<String> progress) {
        Entry e = target == null ? null : HELD.get(target);
        if (e == null) {
            return null;
        }
        progress.accept("using the org this process holds at " + e.session().instanceUrl() + " (org "
                + e.session().orgId() + ")");
        SfCli privateSf = e.sfHome() == null
                ? sf
                : sf.withEnv(Map.of("HOME", e.sfHome().toString(), "SF_USE_GENERIC_UNIX_KEYCHAIN", "true"));
        return OrgConnection.held(target, e.session(), privateSf, counter, budget, progress);
    }
}
