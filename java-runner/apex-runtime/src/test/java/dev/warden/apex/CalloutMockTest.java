package dev.warden.apex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** HTTP callouts in tests: answered by the HttpCalloutMock given to Test.setMock, else CalloutException. */
class CalloutMockTest {
    static final String MOCK = """
      @IsTest
      public class EchoMock implements HttpCalloutMock {
          public HTTPResponse respond(HTTPRequest req) {
              HttpResponse res = new HttpResponse();
              res.setStatusCode(201);
              res.setHeader('Content-Type', 'application/json');
              res.setBody('{"echo":"' + req.getMethod() + ' ' + req.getEndpoint() + ' ' + req.getBody() + '"}');
              return res;
          }
      }
      """;

    @Test
    void sendIsAnsweredByTheMockWithTheRequestItWasGiven() {
        Anon.Outcome o = Anon.run("""
        Test.setMock(HttpCalloutMock.class, new EchoMock());
        HttpRequest req = new HttpRequest();
        req.setEndpoint('https://example.test/things');
        req.setMethod('POST');
        req.setBody('hi');
        HttpResponse res = new Http().send(req);
        System.debug(res.getStatusCode());
        System.debug(res.getHeader('content-type'));
        Map<String, Object> body = (Map<String, Object>) JSON.deserializeUntyped(res.getBody());
        System.debug(body.get('echo'));
        """, MOCK);
        assertEquals(java.util.Map.of(), o.problems());
        assertNull(o.error(), () -> o.error() + "\n" + o.stack());
        assertEquals("201\napplication/json\nPOST https://example.test/things hi", o.out());
    }

    @Test
    void withoutAMockACalloutInATestThrowsCalloutException() {
        Anon.Outcome o = Anon.run("""
        HttpRequest req = new HttpRequest();
        req.setEndpoint('https://example.test');
        new Http().send(req);
        """);
        assertEquals(
                "System.CalloutException: Methods defined as TestMethod do not support Web service callouts",
                o.error());
    }
}
