package dev.warden.localorg.setup;

import java.util.List;
import java.util.Set;

/**
 * A permission set as a Metadata API deploy describes it (salesforce-metadata-and-api.md 3.1). A deploy is a full
 * replace: anything not listed is off afterwards.
 *
 * @param license null for a no-license set; else the PSL DeveloperName or MasterLabel
 *                (e.g. {@code Salesforce API Integration}) or a user license Name
 * @param userPermissions API names without the {@code Permissions} prefix
 * @param customPermissions CustomPermission DeveloperNames
 * @param classAccesses Apex class names
 */
public record PermissionSetContent(
        String name,
        String label,
        String description,
        String license,
        boolean hasActivationRequired,
        Set<String> userPermissions,
        List<ObjectPermission> objectPermissions,
        Set<String> customPermissions,
        Set<String> classAccesses) {

    public PermissionSetContent {
        userPermissions = userPermissions == null ? Set.of() : Set.copyOf(userPermissions);
        objectPermissions = objectPermissions == null ? List.of() : List.copyOf(objectPermissions);
        customPermissions = customPermissions == null ? Set.of() : Set.copyOf(customPermissions);
        classAccesses = classAccesses == null ? Set.of() : Set.copyOf(classAccesses);
    }

    public record ObjectPermission(
            String object,
            boolean read,
            boolean create,
            boolean edit,
            boolean delete,
            boolean viewAll,
            boolean modifyAll) {}
}
