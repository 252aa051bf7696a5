package dev.warden.apex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The Stub API: Test.createStub answers an object whose instance calls go to the StubProvider. */
class StubApiTest {
    static final String SERVICE = """
      public virtual class Greeter {
          public Greeter() { System.debug('constructor ran'); }
          public virtual String greet(String name, Integer times) { return 'real'; }
          public virtual void forget() { System.debug('real forget'); }
      }
      """;
    static final String PROVIDER = """
      @IsTest
      public class RecordingProvider implements System.StubProvider {
          public Object handleMethodCall(Object stubbedObject, String stubbedMethodName, Type returnType,
                  List<Type> listOfParamTypes, List<String> listOfParamNames, List<Object> listOfArgs) {
              System.debug(stubbedMethodName + ' ' + returnType + ' ' + listOfParamTypes + ' ' + listOfParamNames
                  + ' ' + listOfArgs + ' ' + (stubbedObject instanceof Greeter));
              return stubbedMethodName == 'greet' ? 'stubbed' : null;
          }
      }
      """;

    @Test
    void callsOnTheStubGoToTheProviderWithTheMethodsSignatureAndNoConstructorRuns() {
        Anon.Outcome o = Anon.run("""
        Greeter g = (Greeter) Test.createStub(Greeter.class, new RecordingProvider());
        System.debug(g.greet('Ada', 2));
        g.forget();
        """, SERVICE, PROVIDER);
        assertEquals(java.util.Map.of(), o.problems());
        assertNull(o.error(), () -> o.error() + "\n" + o.stack());
        assertEquals(
                "greet String (String, Integer) (name, times) (Ada, 2) true\nstubbed\n" + "forget void () () () true",
                o.out());
    }
}
