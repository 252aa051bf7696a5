package dev.warden.runner.quarantine.scan;

/** One entry of the verdict REST body; {@code verdict} is CLEAN, QUARANTINE or DELETE. */
public record Verdict(String requestId, String verdict, String detector, String reason, String sha256) {}
