package dev.warden.runner.quarantine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamingScanTest {
    final StreamingScan scan = new StreamingScan(Detectors.standard(null));

    @Test
    void contentThatFitsOneWindowIsJudgedExactlyAsAWholeContent() throws IOException {
        byte[] eicar = EicarDetector.signature();
        var r = scan.scan(new ByteArrayInputStream(eicar));
        assertEquals("eicar", r.finding().orElseThrow().detector());
        assertEquals(Content.sha256Hex(eicar), r.sha256());
        assertEquals(eicar.length, r.length());
    }

    @Test
    void aCardNumberAcrossAWindowBoundaryIsFoundAndItsPositionNamesThePart() throws IOException {
        // 4111 1111 1111 1111 starts 5 bytes before the end of the first window
        var r = scan.scan(new Generated(3L * StreamingScan.WINDOW, StreamingScan.WINDOW - 5, "4111 1111 1111 1111"));
        assertEquals("dlp.card", r.finding().orElseThrow().detector(), r.toString());
        assertTrue(
                r.finding().get().reason().contains("of the part from byte"),
                r.finding().get().reason());
    }

    @Test
    void aLongCleanFileOfDecimalFractionsIsCleanAndHashedWhole() throws Exception {
        long size = 5L * StreamingScan.WINDOW + 12345;
        var r = scan.scan(new Generated(size, -1, null));
        assertTrue(r.finding().isEmpty(), r.toString());
        assertEquals(size, r.length());
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new Generated(size, -1, null)) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        assertEquals(HexFormat.of().formatHex(md.digest()), r.sha256());
    }

    @Test
    void theBlocklistJudgesTheHashOfTheWholeStreamedContent() throws IOException {
        long size = 2L * StreamingScan.WINDOW + 7;
        String sha = new StreamingScan(Detectors.standard(null))
                .scan(new Generated(size, -1, null))
                .sha256();
        var withList = new StreamingScan(Detectors.standard(new Sha256Blocklist(Set.of(sha), "test")));
        assertEquals(
                "sha256-blocklist",
                withList.scan(new Generated(size, -1, null))
                        .finding()
                        .orElseThrow()
                        .detector());
    }

    /**
     * Bounded memory: a separate JVM with a 32 MB heap scans a generated 256 MB stream holding a card number near its
     * end (the stream is produced on the fly, never held). Buffering the content would need eight times that heap.
     * scripts/bench/stream does the same with 2 GiB.
     */
    @Test
    void aStreamEightTimesLargerThanTheHeapIsScannedToItsEnd() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-Xmx32m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Generated.class.getName(),
                        String.valueOf(256L << 20))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("dlp.card") && out.contains("length " + (256L << 20)), out);
    }

    /**
     * Clean text of decimal fractions ({@code 0.4221165755827173 } repeated) of a given length, with an optional
     * marker written at a given offset; generated on the fly. Its main scans such a stream with a card number 1 KB
     * before its end (the bounded-memory test and scripts/bench/stream use it).
     */
    static final class Generated extends InputStream {
        private static final byte[] FILLER = "0.4221165755827173 ".getBytes(StandardCharsets.US_ASCII);
        private final long size;
        private final long markerAt;
        private final byte[] marker;
        private long pos;

        Generated(long size, long markerAt, String marker) {
            this.size = size;
            this.markerAt = markerAt;
            this.marker = marker == null ? new byte[0] : marker.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public int read() {
            if (pos >= size) {
                return -1;
            }
            long i = pos++;
            if (i >= markerAt && i < markerAt + marker.length && markerAt >= 0) {
                return marker[(int) (i - markerAt)];
            }
            if (markerAt >= 0 && (i == markerAt - 1 || i == markerAt + marker.length)) {
                return ' ';
            }
            return FILLER[(int) (i % FILLER.length)];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - pos);
            boolean nearMarker = markerAt >= 0 && pos + n >= markerAt - 1 && pos <= markerAt + marker.length;
            if (nearMarker) {
                for (int k = 0; k < n; k++) {
                    b[off + k] = (byte) read();
                }
                return n;
            }
            for (int k = 0; k < n; ) {
                int from = (int) ((pos + k) % FILLER.length);
                int m = Math.min(n - k, FILLER.length - from);
                System.arraycopy(FILLER, from, b, off + k, m);
                k += m;
            }
            pos += n;
            return n;
        }

        public static void main(String[] args) throws IOException {
            long size = Long.parseLong(args[0]);
            long t0 = System.nanoTime();
            var r = new StreamingScan(Detectors.standard(null))
                    .scan(new Generated(size, size - 1024, "4111 1111 1111 1111"));
            Runtime rt = Runtime.getRuntime();
            System.out.printf(
                    "finding %s; length %d; sha256 %s; %.1f s; max heap %d MB, used %d MB%n",
                    r.finding().map(f -> f.detector() + ": " + f.reason()).orElse("none"),
                    r.length(),
                    r.sha256(),
                    (System.nanoTime() - t0) / 1e9,
                    rt.maxMemory() >> 20,
                    (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }
}
