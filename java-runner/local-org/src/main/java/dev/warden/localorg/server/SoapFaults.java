package dev.warden.localorg.server;

/**
 * SOAP faults in the shape WSC parses into {@code UnexpectedErrorFault} with {@code getExceptionCode()}
 * (toolchain.md "WSC"): {@code sf:exceptionCode} + {@code sf:exceptionMessage} in the fault detail.
 */
public final class SoapFaults {
    private SoapFaults() {}

    public static Response fault(int status, String exceptionCode, String message) {
        String msg = escape(message);
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:sf=\"urn:fault.partner.soap.sforce.com\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body><soapenv:Fault>"
                + "<faultcode>sf:" + escape(exceptionCode) + "</faultcode><faultstring>" + escape(exceptionCode) + ": "
                + msg + "</faultstring><detail><sf:UnexpectedErrorFault xsi:type=\"sf:UnexpectedErrorFault\">"
                + "<sf:exceptionCode>" + escape(exceptionCode) + "</sf:exceptionCode><sf:exceptionMessage>" + msg
                + "</sf:exceptionMessage></sf:UnexpectedErrorFault></detail></soapenv:Fault></soapenv:Body>"
                + "</soapenv:Envelope>";
        return Response.text(status, "text/xml;charset=UTF-8", xml);
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
