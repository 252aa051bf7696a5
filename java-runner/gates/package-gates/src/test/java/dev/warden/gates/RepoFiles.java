package dev.warden.gates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The repository the gates check: its root (system property {@code warden.root}), tracked files, force-app files. */
final class RepoFiles {
    private RepoFiles() {}

    static Path root() {
        String configured = System.getProperty("warden.root");
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException(
                    "system property warden.root is not set (the root pom sets it for surefire)");
        }
        return Path.of(configured).toAbsolutePath().normalize();
    }

    static Path forceApp() {
        return root().resolve("force-app");
    }

    /** Every file under force-app, relative to the repo root, '/'-separated, sorted. */
    static List<String> forceAppFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(forceApp())) {
            return walk.filter(Files::isRegularFile)
                    .map(path -> relative(path))
                    .sorted()
                    .toList();
        }
    }

    /** Files git tracks or would track (cached + untracked, not ignored): what a commit of the work tree can hold. */
    static List<String> gitFiles() throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "ls-files", "--cached", "--others", "--exclude-standard", "-z")
                .directory(root().toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = git.getInputStream().readAllBytes();
        if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
            throw new IllegalStateException("git ls-files failed in " + root());
        }
        List<String> files = new ArrayList<>();
        for (String name : new String(out, java.nio.charset.StandardCharsets.UTF_8).split("\0")) {
            if (!name.isEmpty() && Files.isRegularFile(root().resolve(name))) {
                files.add(name);
            }
        }
        return files;
    }

    static String relative(Path path) {
        return root().relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
