package dev.warden.runner.org;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.blueprint.IpRange;
import dev.warden.runner.org.OrgModel.EcaState;
import dev.warden.runner.org.OrgModel.NetworkState;
import java.util.List;

/** Metadata the runner reads and writes; carried by the Metadata API. */
public interface MetadataPort {

    EcaState eca(String ecaName);

    NetworkState network(String profileName);

    /** Deploys the app's global OAuth settings (certificate, consumer key), generated at run time. */
    void deployGlobalOauthSettings(String ecaName, String certificatePem, String consumerKey, String callbackUrl);

    /** Upserts the app's OAuth policies: pre-authorization, IP relaxation, refresh tokens, flows off. */
    void upsertOauthPolicies(String ecaName, Blueprint.App app);

    /** Writes the org's trusted ranges: the complete list, because a SecuritySettings deploy replaces it. */
    void writeTrustedRanges(List<IpRange> complete);

    /** Login IP ranges of each named profile (profiles without ranges map to an empty list). */
    default java.util.Map<String, List<IpRange>> profileLoginRanges(java.util.Collection<String> profileNames) {
        java.util.Map<String, List<IpRange>> out = new java.util.TreeMap<>();
        for (String p : profileNames) {
            out.put(p, List.copyOf(network(p).profileLoginRanges()));
        }
        return out;
    }

    /** Writes a profile's login ranges: the complete list. */
    void writeProfileLoginRanges(String profileName, List<IpRange> complete);
}
