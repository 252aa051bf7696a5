package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.value.Blob;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Crypto: random numbers and digests. */
final class CryptoLib implements Builtin {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String name() {
        return "Crypto";
    }

    @Override
    public Set<String> statics() {
        return Set.of("getrandominteger", "getrandomlong", "generatedigest");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        switch (m) {
            case "getrandominteger":
                return RANDOM.nextInt();
            case "getrandomlong":
                return RANDOM.nextLong();
            case "generatedigest": {
                String alg = Args.strNotNull(f, a, 0)
                        .toUpperCase(Locale.ROOT)
                        .replace("SHA", "SHA-")
                        .replace("SHA--", "SHA-");
                try {
                    return new Blob(MessageDigest.getInstance(alg.equals("SHA-1") ? "SHA-1" : alg)
                            .digest(((Blob) a.get(1)).bytes()));
                } catch (NoSuchAlgorithmException e) {
                    throw Errors.apex(f, "InvalidParameterValueException", "Invalid algorithm: " + a.get(0));
                }
            }
            default:
                throw Args.noSuch(f, "Crypto", m, a);
        }
    }
}
