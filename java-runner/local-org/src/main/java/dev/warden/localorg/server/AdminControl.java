package dev.warden.localorg.server;

/** The server's levers the admin endpoints ({@code /_local/*}) pull: reset, fault rules, the request log. */
public interface AdminControl {
    /** Back to a freshly seeded org; the admin token stays valid, every other token ends. */
    void reset();

    Faults faults();

    RequestLog requestLog();
}
