package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.bool;
import static dev.warden.localorg.metadata.MetadataXml.text;

import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.metadata.MetadataType;
import dev.warden.localorg.setup.Org;

/** ExtlClntAppConfigurablePolicies: enables the app ({@code isEnabled && isOauthPluginEnabled}); kept as deployed. */
public final class ExtlClntAppConfigurablePoliciesUnit extends StoredUnit {
    public ExtlClntAppConfigurablePoliciesUnit() {
        super(MetadataType.xml("ExtlClntAppConfigurablePolicies", "extlClntAppPolicies", "ecaPlcy"));
    }

    @Override
    public boolean keptOutsideTransaction() {
        return true;
    }

    @Override
    public void validate(Component c, DeployContext ctx) {
        EcaSatellite.validateParent(c, ctx, "ExtlClntAppConfigurablePolicies");
    }

    @Override
    public void apply(Component c, DeployContext ctx) {
        ctx.org()
                .metadata()
                .setEnabled(
                        ctx.actor(),
                        text(c.xml(), "externalClientApplication"),
                        bool(c.xml(), "isEnabled", true) && bool(c.xml(), "isOauthPluginEnabled", true));
        ctx.keep(c);
    }

    @Override
    public void delete(Org org, String actor, String member) {
        throw new IllegalArgumentException("deleteMetadata of ExtlClntAppConfigurablePolicies is not supported by the"
                + " local org (delete its ExternalClientApplication)");
    }
}
