package dev.warden.localorg;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone use: {@code java -cp … dev.warden.localorg.LocalOrgMain [--port N] [--https] [--admin-token T] [--production]}.
 * Prints the ready line and serves until killed. (The runner's {@code warden local-org serve} does the same.)
 */
public final class LocalOrgMain {
    private LocalOrgMain() {}

    public static void main(String[] args) throws InterruptedException {
        int port = 0;
        boolean https = false;
        boolean production = false;
        String token = null;
        Path state = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = port(value(args, ++i, "--port"));
                case "--https" -> https = true;
                case "--production" -> production = true;
                case "--admin-token" -> token = value(args, ++i, "--admin-token");
                case "--state" -> state = Path.of(value(args, ++i, "--state"));
                default -> usage("unknown option " + args[i]);
            }
        }
        LocalOrg org;
        try {
            org = LocalOrg.start(new LocalOrgOptions(port, https, token, state, production));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("local-org: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(org::close));
        System.out.println(org.readyLine());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static int port(String v) {
        try {
            int p = Integer.parseInt(v);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usage("--port needs a number from 0 to 65535, got '" + v + "'");
        return 0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("local-org: " + problem
                + "; usage: [--port N] [--https] [--admin-token T] [--state FILE] [--production]");
        System.exit(2);
    }
}
