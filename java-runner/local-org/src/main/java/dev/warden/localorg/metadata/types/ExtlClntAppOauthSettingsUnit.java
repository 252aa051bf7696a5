package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.text;
import static dev.warden.localorg.metadata.XmlOut.el;

import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.metadata.MetadataType;
import dev.warden.localorg.setup.ExternalClientApp;
import java.util.Set;

/** ExtlClntAppOauthSettings: the app's OAuth scopes, each from the documented list. */
public final class ExtlClntAppOauthSettingsUnit extends EcaSatellite {
    private static final Set<String> SCOPES = Set.of(
            "Basic",
            "Api",
            "Web",
            "Full",
            "Chatter",
            "CustomApplications",
            "RefreshToken",
            "OpenID",
            "Profile",
            "Email",
            "Address",
            "Phone",
            "OfflineAccess",
            "CustomPermissions",
            "Wave",
            "Eclair",
            "Pardot",
            "Lightning",
            "Content",
            "CDPIngest",
            "CDPProfile",
            "CDPQuery",
            "Chatbot",
            "CDPSegment",
            "CDPIdentityResolution",
            "CDPCalculatedInsight",
            "SFApiPlatform",
            "Interaction",
            "EinsteinGPT",
            "PwdlessLogin",
            "ForgotPassword",
            "UserRegistration",
            "MCP",
            "SCRT");

    public ExtlClntAppOauthSettingsUnit() {
        super(MetadataType.xml("ExtlClntAppOauthSettings", "extlClntAppOauthSettings", "ecaOauth"), "_oauth");
    }

    @Override
    public void validate(Component c, DeployContext ctx) {
        if (!validateParent(c, ctx)) {
            return;
        }
        for (String s : splitList(text(c.xml(), "commaSeparatedOauthScopes"))) {
            if (!SCOPES.contains(s)) {
                c.fail("Invalid OAuth scope " + s + " in commaSeparatedOauthScopes");
                return;
            }
        }
    }

    @Override
    public void apply(Component c, DeployContext ctx) {
        ctx.org()
                .metadata()
                .setOAuthSettings(
                        ctx.actor(),
                        text(c.xml(), "externalClientApplication"),
                        new ExternalClientApp.OAuthSettings(splitList(text(c.xml(), "commaSeparatedOauthScopes"))));
        ctx.keep(c);
    }

    @Override
    boolean present(ExternalClientApp app) {
        return app.oauth() != null;
    }

    @Override
    String body(ExternalClientApp a) {
        return el("commaSeparatedOauthScopes", String.join(", ", a.oauth().scopes()))
                + el("externalClientApplication", a.name())
                + el("label", a.label() + " OAuth Settings");
    }
}
