package dev.warden.localorg.apex;

import dev.warden.localorg.metadata.MetadataXml;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.soap.SoapExtension;
import dev.warden.localorg.soap.SoapFault;
import dev.warden.localorg.soap.SoapMessage;
import java.nio.charset.StandardCharsets;

/**
 * The SOAP Apex API's {@code executeAnonymous} ({@code POST /services/Soap/s/<version>/...}), the call
 * {@code sf apex run} makes: the result's compiled/success/line/column/compileProblem/exceptionMessage/
 * exceptionStackTrace in the Body, the debug log in {@code Header/DebuggingInfo/debugLog}.
 */
final class AnonymousApexSoap {
    static final String NS = "http://soap.sforce.com/2006/08/apex";

    private AnonymousApexSoap() {}

    static Response handle(LocalOrgContext ctx, Request req) {
        try {
            SoapMessage.DomRequest dom = SoapMessage.parseDom(req.body(), NS);
            String userId = dom.sessionId() == null
                    ? null
                    : SoapExtension.sessionUsers(ctx, req).apply(dom.sessionId());
            if (userId == null) {
                throw SoapFault.invalidSession();
            }
            if (!"executeAnonymous".equals(dom.operation().getLocalName())) {
                throw SoapFault.malformed("not supported by the local org's SOAP Apex API: "
                        + dom.operation().getLocalName());
            }
            String code = MetadataXml.text(dom.operation(), "String");
            if (code == null) {
                code = MetadataXml.text(dom.operation(), "apexcode");
            }
            long start = System.nanoTime();
            AnonymousApex.Result r = AnonymousApex.execute(req.org(), userId, code == null ? "" : code);
            storeLog(req, userId, r, (System.nanoTime() - start) / 1_000_000);
            return Response.bytes(200, "text/xml;charset=UTF-8", envelope(r).getBytes(StandardCharsets.UTF_8));
        } catch (SoapFault f) {
            return Response.bytes(500, "text/xml;charset=UTF-8", SoapMessage.fault(f));
        }
    }

    /**
     * Keeps the run's debug log as an ApexLog row, which {@code sf apex list log} / {@code get log} read. The local
     * org keeps one for every anonymous block that compiled; Salesforce keeps logs only while a trace flag is active
     * for the user (the local org does not model trace flags), and its Operation/Status values here are UNCONFIRMED.
     */
    private static void storeLog(Request req, String userId, AnonymousApex.Result r, long millis) {
        if (!r.compiled()) {
            return;
        }
        String status = r.success() ? "Success" : r.exceptionMessage() == null ? "Failed" : r.exceptionMessage();
        status = status.length() > 255 ? status.substring(0, 252) + "..." : status;
        dev.warden.localorg.misc.ApexLogs.append(
                req.org(), userId, "/services/Soap/s/executeAnonymous", "Api", status, millis, r.debugLog());
    }

    static String envelope(AnonymousApex.Result r) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns=\"" + NS
                + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<soapenv:Header><DebuggingInfo><debugLog>" + esc(r.debugLog()) + "</debugLog></DebuggingInfo>"
                + "</soapenv:Header><soapenv:Body><executeAnonymousResponse><result>"
                + "<column>" + r.column() + "</column>"
                + el("compileProblem", r.compileProblem())
                + "<compiled>" + r.compiled() + "</compiled>"
                + el("exceptionMessage", r.exceptionMessage())
                + el("exceptionStackTrace", r.exceptionStackTrace())
                + "<line>" + r.line() + "</line>"
                + "<success>" + r.success() + "</success>"
                + "</result></executeAnonymousResponse></soapenv:Body></soapenv:Envelope>";
    }

    private static String el(String name, String value) {
        return value == null ? "<" + name + " xsi:nil=\"true\"/>" : "<" + name + ">" + esc(value) + "</" + name + ">";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
