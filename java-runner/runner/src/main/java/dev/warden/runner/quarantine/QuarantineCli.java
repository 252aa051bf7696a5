package dev.warden.runner.quarantine;

import dev.warden.runner.quarantine.api.ApiReserveReachedException;
import dev.warden.runner.quarantine.api.SalesforceApiException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Shared edges of the quarantine commands: bad input is one line and exit 2; Salesforce errors are shown in
 * Salesforce's words and exit 1; nothing prints a stack trace.
 */
public final class QuarantineCli {
    private QuarantineCli() {}

    /** The quarantine subcommands, for the runner's top-level command to register. */
    public static List<Object> subcommands() {
        return List.of(new ScanCommand(), new SmokeCommand());
    }

    interface Body {
        int run() throws Exception;
    }

    static int badInput(PrintWriter out, PrintWriter err, boolean json, String message) {
        if (json) {
            out.println(Envelope.of(2, Map.of(), List.of(), "BadInput", message));
        } else {
            err.println("warden: " + message);
        }
        return 2;
    }

    static int guarded(PrintWriter out, PrintWriter err, boolean json, List<String> warnings, Body body) throws InterruptedException {
        try {
            return body.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (ApiReserveReachedException e) {
            return fail(out, err, json, warnings, 68, "ApiReserveReached", e.getMessage());
        } catch (SalesforceApiException e) {
            return fail(out, err, json, warnings, 1, "SalesforceError", e.describe());
        } catch (IllegalArgumentException e) {
            return fail(out, err, json, warnings, 2, "BadInput", e.getMessage());
        } catch (Exception e) {
            return fail(out, err, json, warnings, 1, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }

    private static int fail(PrintWriter out, PrintWriter err, boolean json, List<String> warnings, int status, String name, String message) {
        if (json) {
            out.println(Envelope.of(status, Map.of(), warnings, name, message));
        } else {
            err.println("warden: " + message);
        }
        return status;
    }
}
