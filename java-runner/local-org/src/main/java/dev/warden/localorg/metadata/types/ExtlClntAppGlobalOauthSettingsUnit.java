package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.children;
import static dev.warden.localorg.metadata.MetadataXml.localName;
import static dev.warden.localorg.metadata.MetadataXml.text;
import static dev.warden.localorg.metadata.XmlOut.el;

import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.metadata.DeployedFiles;
import dev.warden.localorg.metadata.MetadataType;
import dev.warden.localorg.metadata.MetadataXml;
import dev.warden.localorg.metadata.XmlOut;
import dev.warden.localorg.setup.ExternalClientApp;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Element;

/**
 * ExtlClntAppGlobalOauthSettings: consumer key (generated when absent, unique across apps), secret, certificate
 * (must be PEM X.509; enables JWT bearer), callback URL and the {@code is*}/{@code should*} flags. Only the link to
 * the app is kept as the deployed file: never the key or the secret.
 */
public final class ExtlClntAppGlobalOauthSettingsUnit extends EcaSatellite {
    public ExtlClntAppGlobalOauthSettingsUnit() {
        super(
                MetadataType.xml("ExtlClntAppGlobalOauthSettings", "extlClntAppGlobalOauthSets", "ecaGlblOauth"),
                "_glbloauth");
    }

    @Override
    public void validate(Component c, DeployContext ctx) {
        if (!validateParent(c, ctx)) {
            return;
        }
        String cert = text(c.xml(), "certificate");
        if (cert != null && !cert.isEmpty()) {
            try {
                CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(cert.getBytes(StandardCharsets.US_ASCII)));
            } catch (CertificateException e) {
                c.fail("Invalid certificate: expected a PEM-encoded X.509 certificate");
                return;
            }
        }
        String key = text(c.xml(), "consumerKey");
        if (key != null && !key.isEmpty()) {
            String app = text(c.xml(), "externalClientApplication");
            for (ExternalClientApp other : ctx.org().metadata().ecas()) {
                if (!other.name().equalsIgnoreCase(app)
                        && other.global() != null
                        && key.equals(other.global().consumerKey())) {
                    c.fail("Consumer key is already used by External Client App " + other.name());
                    return;
                }
            }
        }
    }

    @Override
    public void apply(Component c, DeployContext ctx) {
        Element x = c.xml();
        String app = text(x, "externalClientApplication");
        String key = text(x, "consumerKey");
        if (key == null || key.isEmpty()) {
            ExternalClientApp current = ctx.org().metadata().eca(app).orElse(null);
            key = current != null && current.global() != null ? current.global().consumerKey() : generatedKey();
        }
        Map<String, Boolean> flags = new LinkedHashMap<>();
        for (Element e : children(x)) {
            String n = localName(e);
            if (n.startsWith("is") || n.startsWith("should")) {
                flags.put(n, Boolean.parseBoolean(e.getTextContent().trim()));
            }
        }
        String cert = text(x, "certificate");
        String secret = text(x, "consumerSecret");
        ctx.store(new DeployedFiles.StoredFile(
                c.type(),
                c.fullName(),
                c.fileName(),
                XmlOut.utf8(XmlOut.xml(
                        c.type(),
                        "    <externalClientApplication>" + MetadataXml.esc(app) + "</externalClientApplication>\n"))));
        ctx.org()
                .metadata()
                .setGlobalOAuth(
                        ctx.actor(),
                        app,
                        new ExternalClientApp.GlobalOAuth(
                                key,
                                secret == null || secret.isEmpty() ? null : secret,
                                cert == null || cert.isEmpty() ? null : cert,
                                text(x, "callbackUrl"),
                                flags));
    }

    private static String generatedKey() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder("3MVG9");
        for (int i = 0; i < 80; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Override
    boolean present(ExternalClientApp app) {
        return app.global() != null;
    }

    @Override
    String body(ExternalClientApp a) {
        ExternalClientApp.GlobalOAuth g = a.global();
        TreeMap<String, String> f = new TreeMap<>();
        f.put("callbackUrl", g.callbackUrl());
        f.put("certificate", g.certificatePem());
        f.put("consumerKey", g.consumerKey());
        f.put("externalClientApplication", a.name());
        g.flags().forEach((k, v) -> f.put(k, String.valueOf(v)));
        f.put("label", a.label() + " Global OAuth");
        StringBuilder b = new StringBuilder();
        f.forEach((k, v) -> b.append(el(k, v)));
        return b.toString();
    }
}
