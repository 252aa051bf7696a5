package dev.warden.tool;

import dev.warden.pkg.WardenPackage;
import dev.warden.runner.cli.Main;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar warden.jar <command> …}: the runner from any directory. Two options of its own, anywhere on the
 * line: {@code --project-dir DIR} (an SFDX project whose force-app is deployed; default: Warden's own package, built
 * into this jar and written to {@code $WARDEN_HOME/package/<version>/}, where the journals then live too) and
 * {@code --install-sf} (install the pinned sf CLI into {@code $WARDEN_HOME/sf/<version>/} when there is none; without
 * it, sf is {@code WARDEN_SF} or {@code sf} on PATH). Everything else is the runner's own command line.
 */
public final class WardenTool {
    private WardenTool() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        List<String> rest = new ArrayList<>();
        String projectDir = null;
        boolean installSf = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--project-dir") || a.startsWith("--project-dir=")) {
                projectDir = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[++i] : "";
                if (projectDir.isBlank()) {
                    return usage(err, "--project-dir needs a directory");
                }
            } else if (a.equals("--install-sf")) {
                installSf = true;
            } else {
                rest.add(a);
            }
        }
        boolean onlyAsking = rest.isEmpty()
                || rest.contains("--help")
                || rest.contains("-h")
                || rest.contains("--version")
                || rest.contains("-V")
                || rest.get(0).equals("help");
        if (!onlyAsking) {
            Path home = wardenHome(env);
            if (projectDir != null) {
                Path dir = Path.of(projectDir).toAbsolutePath().normalize();
                if (!Files.isRegularFile(dir.resolve("sfdx-project.json"))) {
                    return usage(
                            err,
                            "--project-dir " + projectDir + ": not an SFDX project (no sfdx-project.json in " + dir
                                    + ")");
                }
                System.setProperty("warden.project.dir", dir.toString());
            } else if (System.getProperty("warden.project.dir") == null && blank(env.get("WARDEN_PROJECT_DIR"))) {
                Path dir = home.resolve("package").resolve(version());
                WardenPackage.extractTo(dir);
                System.setProperty("warden.project.dir", dir.toString());
            }
            if (System.getProperty("warden.sf") == null && blank(env.get("WARDEN_SF"))) {
                if (installSf || !onPath("sf", env)) {
                    if (!installSf) {
                        err.println(
                                "warden: no sf CLI on PATH; commands that deploy or resolve an alias need it: install it (npm install -g"
                                        + " @salesforce/cli), set WARDEN_SF, or add --install-sf to install the pinned one into "
                                        + home.resolve("sf"));
                    } else {
                        try {
                            System.setProperty(
                                    "warden.sf",
                                    new SfInstaller(home.resolve("sf"), err)
                                            .ensure()
                                            .toString());
                        } catch (SfInstaller.InstallFailed e) {
                            err.println("warden: " + e.getMessage());
                            return 1;
                        }
                    }
                }
            }
        }
        return Main.commandLine(out, err).execute(rest.toArray(String[]::new));
    }

    private static int usage(PrintWriter err, String message) {
        err.println("warden: " + message);
        err.flush();
        return 2;
    }

    static Path wardenHome(Map<String, String> env) {
        String h = System.getProperty("warden.home", env.get("WARDEN_HOME"));
        return blank(h) ? Path.of(System.getProperty("user.home"), ".warden") : Path.of(h);
    }

    /** This jar's version (its manifest), e.g. {@code 1.0.0}. */
    static String version() {
        String v = WardenTool.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static boolean onPath(String command, Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
