package dev.warden.localorg.pkg;

/** What a modelled Apex REST resource answers: status and a JSON body (Content-Type application/json). */
public record ApexRestAnswer(int status, String body) {}
