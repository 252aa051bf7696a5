package dev.warden.localorg.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.server.Json;
import dev.warden.localorg.server.LocalOrgServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the real, pinned sf CLI ({@code scripts/lib/sf}) with a private HOME so tests never touch the user's auth.
 * Every call has a timeout (a misbehaving org can make sf retry without bound, sf-cli-wire.md "Gotchas"). sf runs in
 * {@link #project()}, so that directory is the sf project the contract tests write, deploy and retrieve.
 */
public final class SfCli {
    /** An sfdx-project.json with one default package directory, {@code force-app}, at API 62.0. */
    public static final String FORCE_APP_PROJECT =
            "{\"packageDirectories\":[{\"path\":\"force-app\",\"default\":true}],\"sourceApiVersion\":\"62.0\"}";

    private static final long TIMEOUT_SECONDS = 120;
    private final Path root;
    private final Path home;
    private final Path workDir;

    public record Result(int exit, String stdout, String stderr) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("sf printed no JSON (exit " + exit + "): " + stdout + stderr, e);
            }
        }
    }

    public SfCli() throws IOException {
        root = repoRoot();
        home = Files.createTempDirectory("warden-sf-home");
        workDir = Files.createDirectories(home.resolve("work"));
    }

    public static Path repoRoot() {
        String prop = System.getProperty("warden.root");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop, "scripts"))) {
            return Path.of(prop);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("scripts/lib/sf"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (scripts/lib/sf); set -Dwarden.root");
        }
        return dir;
    }

    public Path home() {
        return home;
    }

    /** The sf project directory: sf runs here. */
    public Path project() {
        return workDir;
    }

    /**
     * Logs sf in to {@code org} as its admin with an access token, under {@code alias}, with any extra {@code flags}
     * (such as {@code --set-default-dev-hub}); the test fails if sf refuses.
     */
    public Result loginAsAdmin(LocalOrgServer org, String alias, String... flags) {
        List<String> args = new ArrayList<>(List.of(
                "org", "login", "access-token", "--instance-url", org.instanceUrl(), "--no-prompt", "--alias", alias));
        args.addAll(List.of(flags));
        args.add("--json");
        Result login = run(Map.of("SF_ACCESS_TOKEN", org.adminAccessToken()), args.toArray(String[]::new));
        if (login.exit() != 0) {
            throw new AssertionError("sf org login access-token as " + alias + " failed (exit " + login.exit() + "): "
                    + login.stdout() + login.stderr());
        }
        return login;
    }

    /** Writes {@code text} to {@code relative} in the project, creating its folders. */
    public Path write(String relative, String text) throws IOException {
        Path file = workDir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** Copies the directory tree {@code from} into the project at {@code relative}. */
    public Path copyIntoProject(Path from, String relative) throws IOException {
        Path to = workDir.resolve(relative);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    public Result run(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("scripts/lib/sf").toString());
        cmd.addAll(List.of(args));
        // Not HOME itself: with the working directory at HOME, sf mixes its project-local and global state.
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().put("HOME", home.toString());
        // The key in this home's own key.json, never the machine's keychain (shared by every home).
        pb.environment().put("SF_USE_GENERIC_UNIX_KEYCHAIN", "true");
        pb.environment().put("SF_USE_PROGRESS_BAR", "false");
        // sf renders differently under CI (deployStages.isCI: test failures only from polls seen in the Running
        // Tests stage, which a fast local deploy skips), so the contract reads the same output on every machine.
        pb.environment()
                .keySet()
                .removeIf(k -> k.equals("CI") || k.equals("CONTINUOUS_INTEGRATION") || k.startsWith("CI_"));
        pb.environment().putAll(env);
        try {
            Path out = Files.createTempFile(home, "sf", ".out");
            Path err = Files.createTempFile(home, "sf", ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(
                        "sf " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new AssertionError("cannot run sf: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Result run(String... args) {
        return run(Map.of(), args);
    }
}
