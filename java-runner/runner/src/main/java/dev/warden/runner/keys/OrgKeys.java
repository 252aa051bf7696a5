package dev.warden.runner.keys;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * One RSA key pair and self-signed certificate per org for the JWT bearer login, plus the app's consumer key.
 * Stored under {@code $WARDEN_HOME/keys/<orgId>/} (default {@code ~/.warden}), outside any repository, directory
 * 0700 and files 0600. The certificate goes to the org; the private key never leaves this directory.
 */
public final class OrgKeys {
    private static final String KEY = "private-key.pem";
    private static final String CERT = "certificate.pem";
    private static final String CONSUMER = "consumer-key";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path home;

    public OrgKeys(Path home) {
        this.home = home;
    }

    /** {@code $WARDEN_HOME}, else {@code ~/.warden}. */
    public static OrgKeys fromEnvironment() {
        String env = System.getProperty("warden.home", System.getenv("WARDEN_HOME"));
        return new OrgKeys(
                env == null || env.isBlank() ? Path.of(System.getProperty("user.home"), ".warden") : Path.of(env));
    }

    public Path dir(String orgId) {
        return home.resolve("keys").resolve(orgId);
    }

    /** The key material of an org, or empty when this machine has none. */
    public Optional<KeyMaterial> load(String orgId) {
        Path d = dir(orgId);
        if (!Files.exists(d.resolve(KEY)) || !Files.exists(d.resolve(CERT)) || !Files.exists(d.resolve(CONSUMER))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new KeyMaterial(
                    d.resolve(KEY),
                    Files.readString(d.resolve(CERT)),
                    Files.readString(d.resolve(CONSUMER)).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keys in " + d, e);
        }
    }

    /** Generates a fresh key pair, certificate and consumer key for the org, replacing any old ones. */
    public KeyMaterial generate(String orgId, String commonName) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048, RANDOM);
            KeyPair pair = gen.generateKeyPair();
            X509Certificate cert = selfSigned(pair, commonName);
            Path d = dir(orgId);
            createPrivateDir(d);
            writePrivate(
                    d.resolve(KEY),
                    pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(pair.getPrivate(), null).generate()));
            writePrivate(d.resolve(CERT), pem(cert));
            String consumerKey = consumerKey();
            writePrivate(d.resolve(CONSUMER), consumerKey + "\n");
            return new KeyMaterial(d.resolve(KEY), Files.readString(d.resolve(CERT)), consumerKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write keys for org " + orgId, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a key pair: " + e.getMessage(), e);
        }
    }

    /** Reads the private key (PKCS#8 or PKCS#1 PEM). */
    public static PrivateKey privateKey(Path pemFile) {
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(pemFile)))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return conv.getPrivateKey(kp.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return conv.getPrivateKey(info);
            }
            throw new IllegalStateException(pemFile + " holds no private key");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pemFile, e);
        }
    }

    private static X509Certificate selfSigned(KeyPair pair, String commonName)
            throws OperatorCreationException, java.security.cert.CertificateException {
        X500Name name = new X500Name("CN=" + commonName.replaceAll("[,=+<>#;\"\\\\]", "_") + ", O=Warden");
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                name,
                new BigInteger(64, RANDOM),
                Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(730))),
                name,
                pair.getPublic());
        return new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    }

    private static String consumerKey() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder("3MVG9");
        for (int i = 0; i < 80; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void createPrivateDir(Path d) throws IOException {
        Files.createDirectories(d);
        if (posix(d)) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
            Path keys = d.getParent();
            Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Written to a 0600 temp file first, then moved: the secret is never readable by others, not even briefly. */
    private static void writePrivate(Path file, String content) throws IOException {
        Path tmp;
        if (posix(file.getParent())) {
            Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
            tmp = Files.createTempFile(file.getParent(), ".tmp", ".pem", PosixFilePermissions.asFileAttribute(owner));
        } else {
            tmp = Files.createTempFile(file.getParent(), ".tmp", ".pem");
        }
        Files.writeString(tmp, content);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * @param privateKeyFile path of the secret key (read only when signing)
     * @param certificatePem public certificate, deployed to the app
     * @param consumerKey the app's client id (not a secret, but kept with the key)
     */
    public record KeyMaterial(Path privateKeyFile, String certificatePem, String consumerKey) {}
}
