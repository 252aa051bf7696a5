package dev.warden.runner.quarantine.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The detectors a scan runs, in order; the first finding decides (malware before data-loss rules). */
public final class Detectors {
    private final List<Detector> detectors;

    public Detectors(List<Detector> detectors) {
        this.detectors = List.copyOf(detectors);
    }

    /** EICAR, the optional SHA-256 blocklist, then the DLP rules. */
    public static Detectors standard(Sha256Blocklist blocklist) {
        List<Detector> all = new ArrayList<>();
        all.add(new EicarDetector());
        if (blocklist != null) {
            all.add(blocklist);
        }
        all.add(new PrivateKeyDetector());
        all.add(new AwsAccessKeyDetector());
        all.add(new CardNumberDetector());
        all.add(new UsSsnDetector());
        return new Detectors(all);
    }

    public Optional<Finding> inspect(Content content) {
        for (Detector d : detectors) {
            Optional<Finding> f = d.inspect(content);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    /** The detectors in order (for {@link StreamingScan}). */
    public List<Detector> all() {
        return detectors;
    }

    public List<String> ids() {
        return detectors.stream().map(Detector::id).toList();
    }
}
