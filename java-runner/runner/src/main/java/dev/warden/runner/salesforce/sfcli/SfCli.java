package dev.warden.runner.salesforce.sfcli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.runner.salesforce.CallCounter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The real sf CLI over ProcessBuilder: always {@code --json}, parsed with Jackson; stderr kept for errors; a timeout
 * per call; sf's own error name and message surfaced. The binary is {@code $WARDEN_SF} (scripts/warden sets it to
 * the pinned scripts/lib/sf), else {@code sf} on PATH. Each call costs ~2 s of start-up, so callers make few.
 */
public final class SfCli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String binary;
    private final Map<String, String> env;
    private final Path workDir;
    private final CallCounter counter;
    private final Consumer<String> progress;

    public SfCli(String binary, Map<String, String> env, Path workDir, CallCounter counter, Consumer<String> progress) {
        this.binary = binary;
        this.env = Map.copyOf(env);
        this.workDir = workDir;
        this.counter = counter;
        this.progress = progress;
    }

    /** The directory sf runs in (the project: relative source paths in reports are relative to it). */
    public Path workDir() {
        return workDir;
    }

    /** The environment this CLI adds to the process's (a private HOME, for example). */
    public Map<String, String> environment() {
        return env;
    }

    /** The sf binary the environment chooses: {@code WARDEN_SF}, else {@code sf}. */
    public static String binaryFromEnvironment() {
        String sf = System.getProperty("warden.sf", System.getenv("WARDEN_SF"));
        return sf == null || sf.isBlank() ? "sf" : sf;
    }

    /** The same CLI with extra environment (a private HOME for the embedded org, SF_ACCESS_TOKEN for one login). */
    public SfCli withEnv(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(more);
        return new SfCli(binary, all, workDir, counter, progress);
    }

    /** Runs {@code sf <args> --json} and returns its {@code result}; throws with sf's error name and message. */
    public JsonNode run(String what, Duration timeout, List<String> args) {
        JsonNode envelope = runEnvelope(what, timeout, args);
        int status = envelope.path("status").asInt(0);
        if (status != 0) {
            throw failure(what, envelope, status, "");
        }
        return envelope.path("result");
    }

    /** Runs sf and returns the whole envelope, failed or not (deploy failures carry their component table). */
    public JsonNode runEnvelope(String what, Duration timeout, List<String> args) {
        JsonNode envelope = runJson(what, timeout, args);
        if (!envelope.has("status")) {
            throw new SfCliException(
                    what, "NoEnvelope", "sf answered JSON without a status: " + firstLines(envelope.toString()), 1);
        }
        return envelope;
    }

    /** Runs sf with {@code --json} and returns whatever JSON it printed (some commands, like version, have no envelope). */
    public JsonNode runJson(String what, Duration timeout, List<String> args) {
        long began = counter.started();
        try {
            return runJsonOnce(what, timeout, args);
        } finally {
            counter.ended(began); // one sf invocation is one (long) round trip on the run's critical path
        }
    }

    private JsonNode runJsonOnce(String what, Duration timeout, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary);
        cmd.addAll(args);
        cmd.add("--json");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().putAll(env);
        pb.environment().put("SF_DISABLE_AUTOUPDATE", "true");
        pb.environment().put("SF_DISABLE_TELEMETRY", "true");
        pb.environment().put("SF_SKIP_NEW_VERSION_CHECK", "true");
        pb.environment().put("FORCE_COLOR", "0");
        counter.count("sf");
        counter.count("sf."
                + String.join(" ", args.subList(0, Math.min(args.size(), args.size() > 2 ? 3 : args.size())))
                        .replaceAll(" --.*", ""));
        long started = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new SfCliException(
                    what,
                    "SfNotFound",
                    "cannot run '" + binary + "' (" + e.getMessage()
                            + "); install the Salesforce CLI or set WARDEN_SF to its path",
                    127);
        }
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // sf reads nothing from stdin
        }
        Drain out = new Drain(p.getInputStream());
        Drain err = new Drain(p.getErrorStream());
        out.start();
        err.start();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            long nextNote = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!p.waitFor(250, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    throw new SfCliException(
                            what,
                            "Timeout",
                            "sf " + args.get(0) + " did not finish within " + timeout.toSeconds() + " s",
                            124);
                }
                if (System.nanoTime() > nextNote) {
                    progress.accept(what + ": sf still running ("
                            + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s)");
                    nextNote = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                }
            }
            out.join();
            err.join();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SfCliException(what, "Interrupted", "interrupted", 130);
        }
        String stdout = out.text();
        try {
            if (stdout.indexOf('{') < 0) {
                throw new SfCliException(
                        what,
                        "NoJson",
                        "exit " + p.exitValue() + ", no JSON on stdout; stderr: " + firstLines(err.text()),
                        p.exitValue());
            }
            return JSON.readTree(stdout.substring(stdout.indexOf('{')));
        } catch (IOException e) {
            throw new SfCliException(
                    what,
                    "BadJson",
                    "exit " + p.exitValue() + ", unreadable JSON; stderr: " + firstLines(err.text()),
                    p.exitValue());
        }
    }

    static SfCliException failure(String what, JsonNode envelope, int status, String stderr) {
        String name = envelope.path("name").asText(null);
        String message =
                envelope.path("message").asText(stderr.isBlank() ? "failed with status " + status : firstLines(stderr));
        return new SfCliException(
                what, name, oneLine(message), envelope.path("exitCode").asInt(status));
    }

    private static String firstLines(String s) {
        String t = s.strip();
        return t.length() > 400 ? t.substring(0, 400) + "..." : t;
    }

    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        Drain(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                in.transferTo(buf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String text() {
            return buf.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * sf's messages span lines ("Parsing --target-org \n\tNo authorization information found for x.\nSee more help
     * with --help"): keep every line that says something, joined, so the one-line error still holds sf's own words.
     */
    static String oneLine(String message) {
        String joined = message.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("See more help with"))
                .collect(java.util.stream.Collectors.joining(" "));
        return joined.isEmpty() ? message.strip() : joined;
    }
}
