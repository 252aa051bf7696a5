package dev.warden.localorg.metadata;

import dev.warden.localorg.metadata.types.ApexClassUnit;
import dev.warden.localorg.metadata.types.ApexTriggerUnit;
import dev.warden.localorg.metadata.types.ChildUnit;
import dev.warden.localorg.metadata.types.CustomFieldUnit;
import dev.warden.localorg.metadata.types.CustomMetadataUnit;
import dev.warden.localorg.metadata.types.CustomObjectUnit;
import dev.warden.localorg.metadata.types.CustomPermissionUnit;
import dev.warden.localorg.metadata.types.ExternalClientApplicationUnit;
import dev.warden.localorg.metadata.types.ExtlClntAppConfigurablePoliciesUnit;
import dev.warden.localorg.metadata.types.ExtlClntAppGlobalOauthSettingsUnit;
import dev.warden.localorg.metadata.types.ExtlClntAppOauthConfigurablePoliciesUnit;
import dev.warden.localorg.metadata.types.ExtlClntAppOauthSettingsUnit;
import dev.warden.localorg.metadata.types.PermissionSetUnit;
import dev.warden.localorg.metadata.types.ProfileUnit;
import dev.warden.localorg.metadata.types.RemoteSiteSettingUnit;
import dev.warden.localorg.metadata.types.SettingsUnit;
import dev.warden.localorg.metadata.types.StaticResourceUnit;
import dev.warden.localorg.metadata.types.StoredUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one table of metadata types the org handles with a unit of its own, in deploy order (what a later type refers
 * to comes first). Every other type of the {@link MetadataCatalogue} is stored as deployed ({@link StoredUnit}, or a
 * {@link ChildUnit} for the types kept inside a parent's file) and deploys after these. Adding a modelled type: one
 * unit class and one line here.
 */
public final class MetadataUnits {
    private static final List<MetadataUnit> UNITS = List.of(
            new CustomObjectUnit(),
            new CustomFieldUnit(),
            new ChildUnit("ListView", CustomObjectUnit.TYPE, "listViews"),
            new CustomPermissionUnit(),
            new ApexClassUnit(),
            new ApexTriggerUnit(),
            new StaticResourceUnit(),
            new CustomMetadataUnit(),
            new PermissionSetUnit(),
            new StoredUnit(MetadataType.xml("Layout", "layouts", "layout")),
            new StoredUnit(MetadataType.xml("CustomTab", "tabs", "tab")),
            new StoredUnit(MetadataType.bundle("LightningComponentBundle", "lwc")),
            new ProfileUnit(),
            new ExternalClientApplicationUnit(),
            new ExtlClntAppGlobalOauthSettingsUnit(),
            new ExtlClntAppOauthSettingsUnit(),
            new ExtlClntAppOauthConfigurablePoliciesUnit(),
            new ExtlClntAppConfigurablePoliciesUnit(),
            new SettingsUnit(),
            new RemoteSiteSettingUnit());

    private static final Map<String, MetadataUnit> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, MetadataUnit> FROM_CATALOGUE = new ConcurrentHashMap<>();

    static {
        for (MetadataUnit u : UNITS) {
            if (BY_NAME.put(u.name(), u) != null) {
                throw new IllegalStateException("two units for " + u.name());
            }
        }
    }

    private MetadataUnits() {}

    /** The units with behaviour of their own, in deploy order. */
    public static List<MetadataUnit> registered() {
        return UNITS;
    }

    /**
     * The unit for a type: the registered one, else a stored unit for a catalogue type (a child unit when the type
     * lives inside a parent's file); null for a name the Metadata API does not have.
     */
    public static MetadataUnit find(String type) {
        if (type == null) {
            return null;
        }
        MetadataUnit u = BY_NAME.get(type);
        if (u != null) {
            return u;
        }
        return FROM_CATALOGUE.computeIfAbsent(type, MetadataUnits::fromCatalogue) == NONE
                ? null
                : FROM_CATALOGUE.get(type);
    }

    private static final MetadataUnit NONE = new StoredUnit(MetadataType.xml("", "", ""));

    private static MetadataUnit fromCatalogue(String type) {
        MetadataType t = MetadataCatalogue.type(type);
        if (t == null) {
            return NONE;
        }
        if (t.isChild()) {
            MetadataType parent = MetadataCatalogue.type(t.parent());
            return new ChildUnit(
                    t.name(), parent, t.element(), t.parent().equals("CustomLabels") ? "CustomLabels" : null);
        }
        return new StoredUnit(t);
    }

    /** Position in the deploy order: registered units first, in table order, then every other type. */
    public static int order(String type) {
        int i = 0;
        for (MetadataUnit u : UNITS) {
            if (u.name().equals(type)) {
                return i;
            }
            i++;
        }
        return i;
    }

    /** Every type name the org deploys: the catalogue's plus the registered ones. */
    public static List<String> allTypes() {
        List<String> out = new ArrayList<>(MetadataCatalogue.names());
        UNITS.forEach(u -> {
            if (!out.contains(u.name())) {
                out.add(u.name());
            }
        });
        return out;
    }
}
