package dev.warden.runner.flow;

import dev.warden.runner.salesforce.sfcli.SfDeploy;
import java.util.Map;

/**
 * What the deploy stage did.
 *
 * @param outcome        sf's outcome (for a skipped deploy: nothing was deployed)
 * @param result         the outcome as one word: Succeeded, Validated, Skipped or Failed
 * @param reason         why it was skipped; null otherwise
 * @param triggerStatus  the package triggers' status read to decide the skip (verify reuses it: nothing between
 *                       deploy and verify changes triggers); null when not read
 */
public record Deployed(SfDeploy.Outcome outcome, Result result, String reason, Map<String, String> triggerStatus) {
    public enum Result {
        Succeeded,
        Validated,
        Skipped,
        Failed
    }

    public boolean ok() {
        return result != Result.Failed;
    }

    static Deployed ran(SfDeploy.Outcome o, boolean validateOnly) {
        return new Deployed(
                o, !o.success() ? Result.Failed : validateOnly ? Result.Validated : Result.Succeeded, null, null);
    }
}
