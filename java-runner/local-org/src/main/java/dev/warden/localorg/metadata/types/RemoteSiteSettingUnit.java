package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.text;

import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.metadata.MetadataType;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * RemoteSiteSetting: stored as deployed, after checking what the platform checks first: a {@code url} that is an
 * absolute http(s) address (wording UNCONFIRMED). The example of adding a type: this file plus one line in
 * {@link dev.warden.localorg.metadata.MetadataUnits}.
 */
public final class RemoteSiteSettingUnit extends StoredUnit {
    public RemoteSiteSettingUnit() {
        super(MetadataType.xml("RemoteSiteSetting", "remoteSiteSettings", "remoteSite"));
    }

    @Override
    public void validate(Component c, DeployContext ctx) {
        super.validate(c, ctx);
        if (!c.ok()) {
            return;
        }
        String url = text(c.xml(), "url");
        if (url == null || url.isEmpty()) {
            c.fail("Required field is missing: url");
            return;
        }
        try {
            URI u = new URI(url);
            if (u.getHost() == null
                    || !("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))) {
                c.fail("Invalid url " + url + ": expected an absolute http or https address");
            }
        } catch (URISyntaxException e) {
            c.fail("Invalid url " + url + ": " + e.getReason());
        }
    }
}
