package dev.warden.localorg.apex;

import dev.warden.apex.exec.Program;
import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.setup.Org;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deploy's Apex compile: after the deploy's components are applied (inside its transaction, so the new objects and
 * fields are there), every class and active trigger of the org is compiled together with the Apex runtime and each
 * problem fails the deployed component it belongs to, with its line and column, as a Salesforce deploy reports
 * compile errors. The compiled program is cached by {@link OrgApex} for the calls that follow.
 */
public final class ApexDeployCompile {
    private static final Pattern AT = Pattern.compile("line (\\d+), column (\\d+): (.*)", Pattern.DOTALL);

    private static final String UNSUPPORTED = "not supported by the local org's Apex runtime";

    private ApexDeployCompile() {}

    /** Fails the components of {@code applied} whose Apex does not compile; does nothing when none is Apex. */
    public static void check(Org org, List<Component> applied) {
        if (applied.stream().noneMatch(ApexDeployCompile::isApex)) {
            return;
        }
        Program program = OrgApex.of(org).program();
        for (Map.Entry<String, List<String>> e : program.problems().entrySet()) {
            Component c = applied.stream()
                    .filter(x -> isApex(x) && x.ok() && x.fullName().equalsIgnoreCase(e.getKey()))
                    .findFirst()
                    .orElse(null);
            if (c == null || e.getValue().isEmpty()) {
                continue; // a unit this deploy did not touch: it was reported when it was deployed
            }
            // What the runtime cannot run yet is not a compile error on Salesforce: the class is stored and fails
            // loudly when it runs ("Dependent class is invalid ..." / "not supported ...").
            String first = e.getValue().stream()
                    .filter(p -> !p.contains(UNSUPPORTED))
                    .findFirst()
                    .orElse(null);
            if (first == null) {
                continue;
            }
            Matcher m = AT.matcher(first);
            if (m.matches()) {
                c.fail(m.group(3), Integer.valueOf(m.group(1)), Integer.valueOf(m.group(2)));
            } else {
                c.fail(first);
            }
        }
    }

    private static boolean isApex(Component c) {
        String t = c.type().toLowerCase(Locale.ROOT);
        return t.equals("apexclass") || t.equals("apextrigger");
    }
}
