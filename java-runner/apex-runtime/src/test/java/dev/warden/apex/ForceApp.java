package dev.warden.apex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The package's Apex sources from force-app (read once per JVM). */
final class ForceApp {
    static final Path ROOT = root();
    private static List<ApexSource> sources;

    private ForceApp() {}

    private static Path root() {
        String prop = System.getProperty("warden.root");
        Path p = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("force-app"))) {
            p = p.getParent();
        }
        return p.resolve("force-app/main/default");
    }

    static synchronized List<ApexSource> sources() {
        if (sources == null) {
            List<ApexSource> out = new ArrayList<>();
            try (Stream<Path> files = Files.walk(ROOT.resolve("classes"))) {
                for (Path f : files.filter(x -> x.toString().endsWith(".cls"))
                        .sorted()
                        .toList()) {
                    out.add(new ApexSource(name(f), Files.readString(f), false));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try (Stream<Path> files = Files.walk(ROOT.resolve("triggers"))) {
                for (Path f : files.filter(x -> x.toString().endsWith(".trigger"))
                        .sorted()
                        .toList()) {
                    out.add(new ApexSource(name(f), Files.readString(f), true));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sources = List.copyOf(out);
        }
        return sources;
    }

    private static String name(Path f) {
        String n = f.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }
}
