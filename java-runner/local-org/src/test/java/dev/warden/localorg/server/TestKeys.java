package dev.warden.localorg.server;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A key pair and self-signed certificate made in the test (never committed), and JWT assertions signed with it. */
public final class TestKeys {
    public final KeyPair keyPair;
    public final String certificatePem;
    public final String privateKeyPem;

    public TestKeys() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            keyPair = gen.generateKeyPair();
            X500Name name = new X500Name("CN=warden-test");
            Instant now = Instant.now();
            var cert = new JcaX509CertificateConverter()
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    name,
                                    BigInteger.ONE,
                                    Date.from(now.minusSeconds(3600)),
                                    Date.from(now.plusSeconds(86400)),
                                    name,
                                    keyPair.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));
            certificatePem = pem(cert);
            privateKeyPem = pem(keyPair.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object o) throws java.io.IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o);
        }
        return sw.toString();
    }

    /** An RS256 assertion; {@code expMillis} true sends exp in milliseconds as sf does. */
    public String assertion(String iss, String sub, String aud, boolean expMillis) {
        long exp = Instant.now().plusSeconds(180).getEpochSecond();
        try {
            JWTClaimsSet claims = JWTClaimsSet.parse(Map.of(
                    "iss",
                    iss,
                    "sub",
                    sub,
                    "aud",
                    aud,
                    "exp",
                    expMillis ? exp * 1000 : exp,
                    "iat",
                    Instant.now().getEpochSecond()));
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(keyPair.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String expiredAssertion(String iss, String sub, String aud) {
        try {
            JWTClaimsSet claims = JWTClaimsSet.parse(Map.of(
                    "iss",
                    iss,
                    "sub",
                    sub,
                    "aud",
                    aud,
                    "exp",
                    Instant.now().minusSeconds(600).getEpochSecond()));
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(keyPair.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
