package dev.warden.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Warden's own SFDX project (force-app and sfdx-project.json) as it was built into this jar: written out to a
 * directory so sf can deploy it, without a checkout of the Warden repository.
 */
public final class WardenPackage {
    static final String ROOT = "warden-package";

    private WardenPackage() {}

    /** Writes the project into {@code dir} (created; existing files replaced) and returns it. */
    public static Path extractTo(Path dir) {
        URL marker = WardenPackage.class.getClassLoader().getResource(ROOT + "/sfdx-project.json");
        if (marker == null) {
            throw new IllegalStateException("this build has no embedded Warden package (" + ROOT
                    + "/sfdx-project.json missing from the class path)");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    copy(jar.getPath("/" + ROOT), dir);
                }
            } else {
                copy(Path.of(uri).getParent(), dir);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Warden package to " + dir + ": " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    try (InputStream in = Files.newInputStream(f)) {
                        Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }
}
