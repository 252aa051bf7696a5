package dev.warden.localorg.metadata;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localorg.setup.Org;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipInputStream;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;

/** What a retrieve returns after a deploy of identity metadata (permission sets, an ECA, network access). */
class RetrievedMetadataTest {

    @Test
    void retrieving_deployed_identity_metadata_gives_these_files_and_keeps_unmodelled_sections() throws Exception {
        Org org = Org.seeded("admin@local.test", Clock.systemUTC());
        String ns = "xmlns=\"http://soap.sforce.com/2006/04/metadata\"";
        DeployEngineTest.Zip z = new DeployEngineTest.Zip()
                .add(
                        "CustomObject",
                        "Queue__c",
                        "objects/Queue__c.object",
                        "<CustomObject " + ns + "><label>Queue</label>"
                                + "<pluralLabel>Queues</pluralLabel><fields><fullName>Status__c</fullName><label>Status</label>"
                                + "<length>20</length><type>Text</type></fields></CustomObject>")
                .add(
                        "PermissionSet",
                        "Scanner",
                        "permissionsets/Scanner.permissionset",
                        "<PermissionSet " + ns + ">"
                                + "<!-- comments are not kept --><userPermissions><enabled>true</enabled><name>ApiEnabled</name>"
                                + "</userPermissions><label>Scanner</label><fieldPermissions><editable>true</editable><field>"
                                + "Queue__c.Status__c</field><readable>true</readable></fieldPermissions><objectPermissions>"
                                + "<allowEdit>true</allowEdit><allowRead>true</allowRead><object>Queue__c</object></objectPermissions>"
                                + "<tabSettings><tab>Queue__c</tab><visibility>Visible</visibility></tabSettings></PermissionSet>")
                .add(
                        "PermissionSet",
                        "Scanner_Access",
                        "permissionsets/Scanner_Access.permissionset",
                        "<PermissionSet " + ns + "><label>Scanner Access</label></PermissionSet>")
                .add(
                        "ExternalClientApplication",
                        "Scanner",
                        "externalClientApps/Scanner.eca",
                        "<ExternalClientApplication " + ns
                                + "><contactEmail>s@example.com</contactEmail><label>Scanner</label></ExternalClientApplication>")
                .add(
                        "ExtlClntAppOauthConfigurablePolicies",
                        "Scanner_oauthPlcy",
                        "extlClntAppOauthPolicies/Scanner_oauthPlcy.ecaOauthPlcy",
                        "<ExtlClntAppOauthConfigurablePolicies "
                                + ns + "><commaSeparatedPermissionSet>Scanner_Access</commaSeparatedPermissionSet>"
                                + "<externalClientApplication>Scanner</externalClientApplication><ipRelaxationPolicyType>Enforce"
                                + "</ipRelaxationPolicyType><label>p</label><permittedUsersPolicyType>AdminApprovedPreAuthorized"
                                + "</permittedUsersPolicyType><refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>"
                                + "<refreshTokenValidityPeriod>8</refreshTokenValidityPeriod><refreshTokenValidityUnit>Hours"
                                + "</refreshTokenValidityUnit></ExtlClntAppOauthConfigurablePolicies>")
                .add(
                        "ExtlClntAppOauthSettings",
                        "Scanner_oauth",
                        "extlClntAppOauthSettings/Scanner_oauth.ecaOauth",
                        "<ExtlClntAppOauthSettings " + ns
                                + "><commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>"
                                + "<externalClientApplication>Scanner</externalClientApplication><label>o</label>"
                                + "</ExtlClntAppOauthSettings>")
                .add(
                        "Settings",
                        "Security",
                        "settings/Security.settings",
                        "<SecuritySettings " + ns + "><networkAccess>"
                                + "<ipRanges><description>Scanner</description><end>203.0.113.31</end><start>203.0.113.16</start>"
                                + "</ipRanges></networkAccess><sessionSettings><lockSessionsToIp>false</lockSessionsToIp>"
                                + "<enforceIpRangesEveryRequest>true</enforceIpRangesEveryRequest></sessionSettings>"
                                + "</SecuritySettings>");
        DeployOutcome deployed =
                DeployEngine.deploy(org, org.adminUserId(), z.bytes(), DeployEngine.Options.defaults());
        assertTrue(deployed.success(), deployed::toString);

        Map<String, List<String>> members = new LinkedHashMap<>();
        members.put("PermissionSet", List.of("Scanner", "Scanner_Access"));
        members.put("ExternalClientApplication", List.of("Scanner"));
        members.put("ExtlClntAppOauthConfigurablePolicies", List.of("*"));
        members.put("ExtlClntAppOauthSettings", List.of("Scanner_oauth"));
        members.put("Settings", List.of("Security"));
        members.put("ApexClass", List.of("Missing"));
        Retriever.Result r = Retriever.retrieve(org, new Retriever.Request(members, "62.0", false));

        StringBuilder out = new StringBuilder();
        unzip(r.zip())
                .forEach((name, text) ->
                        out.append("=== ").append(name).append('\n').append(text));
        r.files()
                .forEach(f -> out.append("file ")
                        .append(f.type())
                        .append(' ')
                        .append(f.fullName())
                        .append(' ')
                        .append(f.fileName())
                        .append('\n'));
        r.messages().forEach(m -> out.append("message ").append(m).append('\n'));
        Approvals.verify(out.toString());
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
