package dev.warden.apex;

/** One Apex file: class or trigger name and its source text. */
public record ApexSource(String name, String body, boolean trigger) {}
