package dev.warden.localorg.soap;

/** An HTTP answer to a SOAP call: 200 with the response envelope, or 500 with a fault (as the platform sends them). */
public record SoapAnswer(int status, byte[] body) {}
