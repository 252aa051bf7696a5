package dev.warden.apex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Apex semantics the runtime implements, each checked on a small program. */
class ApexSemanticsTest {
    private static String out(String code, String... classes) {
        Anon.Outcome o = Anon.run(code, classes);
        assertEquals(java.util.Map.of(), o.problems());
        assertNull(o.error(), () -> o.error() + "\n" + o.stack());
        return o.out();
    }

    private static String error(String code, String... classes) {
        Anon.Outcome o = Anon.run(code, classes);
        assertEquals(java.util.Map.of(), o.problems());
        return o.error();
    }

    private static String problem(String code, String... classes) {
        return Anon.run(code, classes).problems().toString();
    }

    @Test
    void stringEqualityIgnoresCaseButMapKeysAndEqualsDoNot() {
        assertEquals("true\nfalse\nfalse\n1", out("""
        System.debug('Abc' == 'aBC');
        System.debug('Abc'.equals('aBC'));
        Map<String, Integer> m = new Map<String, Integer>{ 'a' => 1 };
        System.debug(m.containsKey('A'));
        System.debug(new Set<String>{ 'x', 'X' }.size() - 1);
        """));
    }

    @Test
    void idsCompareByTheirFifteenCharacterForm() {
        assertEquals("true\n001000000000001AAA\ntrue", out("""
        Id a = '001000000000001';
        Id b = '001000000000001AAA';
        System.debug(a == b);
        System.debug(a);
        System.debug(new Set<Id>{ a }.contains(b));
        """));
    }

    @Test
    void numbersPromoteAndIntegersOverflow() {
        assertEquals("-2147483648\n3.5\n2\n3000000000\ntrue", out("""
        Integer max = 2147483647;
        System.debug(max + 1);
        System.debug(7 / 2.0);
        System.debug(7 / 3);
        Long big = 3000000000L;
        System.debug(big);
        Decimal d = 3;
        System.debug(d == 3);
        """));
    }

    @Test
    void nullConcatenatesAsTheWordNull() {
        assertEquals("x: null", out("String s; System.debug('x: ' + s);"));
    }

    @Test
    void castsThrowTypeExceptionWhereApexDoes() {
        assertEquals(
                "System.TypeException: Invalid conversion from runtime type String to Integer",
                error("Object o = 'a'; Integer i = (Integer) o;"));
        assertEquals("caught", out("""
        try { Object o = new List<Object>(); Map<String, Object> m = (Map<String, Object>) o; }
        catch (TypeException e) { System.debug('caught'); }
        """));
    }

    @Test
    void classesInheritDispatchVirtuallyAndUseProperties() {
        String shape = """
        public abstract class Shape {
            public String name { get; private set; }
            protected Shape(String name) { this.name = name; }
            public abstract Decimal area();
            public virtual String describe() { return name + ' ' + area(); }
        }""";
        String square = """
        public class Square extends Shape implements Comparable {
            private Decimal side;
            public Square(Decimal side) { super('square'); this.side = side; }
            public override Decimal area() { return side * side; }
            public override String describe() { return 'a ' + super.describe(); }
            public Integer compareTo(Object other) { return 0; }
        }""";
        assertEquals("a square 4\ntrue\nsquare", out("""
        Shape s = new Square(2);
        System.debug(s.describe());
        System.debug(s instanceof Square);
        System.debug(s.name);
        """, shape, square));
    }

    @Test
    void customExceptionsJoinThePlatformHierarchy() {
        String cls = """
        public class Box {
            public class BoxException extends Exception {}
            public static void open() { throw new BoxException('stuck'); }
        }""";
        assertEquals("Box.BoxException: stuck\nfinally", out("""
        try { Box.open(); }
        catch (Exception e) { System.debug(e.getTypeName() + ': ' + e.getMessage()); }
        finally { System.debug('finally'); }
        """, cls));
    }

    @Test
    void switchOnStringsEnumsAndTypes() {
        String colour = "public enum Colour { RED, GREEN }";
        assertEquals("green\nsobject\nother", out("""
        Colour c = Colour.GREEN;
        switch on c { when RED { System.debug('red'); } when GREEN { System.debug('green'); } }
        Object o = new Account(Name = 'x');
        switch on o { when Account a { System.debug('sobject'); } when else { System.debug('else'); } }
        switch on 'z' { when 'a', 'b' { System.debug('ab'); } when else { System.debug('other'); } }
        """, colour));
    }

    @Test
    void loopsBreakAndContinue() {
        assertEquals("1\n6\n11", out("""
        Integer sum = 0;
        for (Integer i = 0; i < 10; i++) {
            if (Math.mod(i, 2) == 0) { continue; }
            if (i > 5) { break; }
            sum += i;
            System.debug(sum > 3 ? sum + 2 : sum);
        }
        """));
    }

    @Test
    void safeNavigationAndNullPointer() {
        assertEquals("null", out("Account a; System.debug(a?.Name);"));
        assertEquals(
                "System.NullPointerException: Attempt to de-reference a null object",
                error("Account a; String n = a.Name;"));
    }

    @Test
    void listIndexOutOfBoundsIsAListException() {
        assertEquals(
                "System.ListException: List index out of bounds: 3",
                error("List<Integer> l = new List<Integer>{1}; " + "Integer x = l[3];"));
    }

    @Test
    void jsonRoundTripKeepsDeclarationOrderAndNulls() {
        String cls = "public class Dto { public String b = 'x'; public Integer a; public List<Integer> c = new "
                + "List<Integer>{1, 2}; }";
        assertEquals("{\"b\":\"x\",\"a\":null,\"c\":[1,2]}\n2", out("""
        System.debug(JSON.serialize(new Dto()));
        Map<String, Object> m = (Map<String, Object>) JSON.deserializeUntyped('{"n": 2, "l": [1]}');
        System.debug(m.get('n'));
        """, cls));
    }

    @Test
    void soqlDmlAndBindsWorkAgainstTheHost() {
        assertEquals("1\nAcme\n0\nSystem.QueryException: List has no rows for assignment to SObject", out("""
        insert new Account(Name = 'Acme');
        Set<String> names = new Set<String>{ 'Acme' };
        System.debug([SELECT COUNT() FROM Account WHERE Name IN :names]);
        Account a = [SELECT Id, Name FROM Account WHERE Name = :'Acme' WITH USER_MODE];
        System.debug(a.Name);
        delete a;
        System.debug([SELECT COUNT() FROM Account]);
        try { Account none = [SELECT Id FROM Account]; }
        catch (QueryException e) { System.debug(e.getTypeName() + ': ' + e.getMessage()); }
        """));
    }

    @Test
    void savepointsRollBackWrites() {
        assertEquals("0", out("""
        Savepoint sp = Database.setSavepoint();
        insert new Account(Name = 'Temp');
        Database.rollback(sp);
        System.debug([SELECT COUNT() FROM Account]);
        """));
    }

    @Test
    void theHundredAndFirstQueryIsAnUncatchableLimitException() {
        assertEquals("System.LimitException: Too many SOQL queries: 101", error("""
        try { for (Integer i = 0; i < 101; i++) { Integer n = [SELECT COUNT() FROM Account]; } }
        catch (Exception e) { System.debug('caught'); }
        """));
    }

    @Test
    void aRunawayLoopEndsWithTheCpuLimit() {
        assertEquals(
                "System.LimitException: Apex CPU time limit exceeded", error("Integer i = 0; while (true) { i++; }"));
    }

    @Test
    void assertionMessagesFollowSalesforce() {
        assertEquals(
                "System.AssertException: Assertion Failed: Expected: 3, Actual: 2: sum",
                error("Assert.areEqual(3, 1 + 1, 'sum');"));
        assertEquals(
                "System.AssertException: Assertion Failed: Expected: 3, Actual: 2",
                error("System.assertEquals(3, 2);"));
    }

    @Test
    void compileErrorsUseSalesforceWordsWithLineAndColumn() {
        assertEquals(
                "{AnonymousBlock=[line 2, column 14: Variable does not exist: y]}",
                problem("Integer x = 1;\nSystem.debug(y);"));
        assertEquals("{AnonymousBlock=[line 1, column 1: Invalid type: Foo]}", problem("Foo f = null;"));
        assertEquals(
                "{AnonymousBlock=[line 1, column 25: Invalid field Nope__c for SObject Account]}",
                problem("Account a = new Account(Nope__c = 1);"));
        assertEquals(
                "{AnonymousBlock=[line 1, column 27: No such column 'Nope__c' on entity 'Account'. If you are "
                        + "attempting to use a custom field, be sure to append the '__c' after the custom field name. Please "
                        + "reference your WSDL or the describe call for the appropriate names.]}",
                problem("List<Account> l = [SELECT Nope__c FROM Account WHERE Name = :x];".replace(":x", ":'a'")));
        assertEquals(
                "{AnonymousBlock=[line 1, column 1: Method does not exist or incorrect signature: void nope() from "
                        + "the type AnonymousBlock]}",
                problem("nope();"));
    }

    @Test
    void aLiteralOfTheWrongTypeIsAnIllegalAssignmentAtCompileTime() {
        assertEquals(
                "{AnonymousBlock=[line 1, column 9: Illegal assignment from String to Integer]}",
                problem("Integer x = 'not a number';"));
        assertEquals(
                "{AnonymousBlock=[line 1, column 8: Illegal assignment from Integer to String]}",
                problem("String s = 5;"));
        assertEquals(
                "{AnonymousBlock=[line 1, column 9: Illegal assignment from Decimal to Integer]}",
                problem("Integer i = 1.5;"));
        assertEquals(
                "{C=[line 1, column 37: Illegal assignment from Boolean to Date]}",
                Anon.run("System.debug(1);", "public class C { public static Date d = true; }")
                        .problems()
                        .toString());
        // Widening and what the platform converts stay legal.
        assertEquals(
                "{}",
                problem("Long l = 1; Decimal d = 2; Double x = 1.5; Decimal e = 5L; Object o = 'a'; Id i = null;"));
    }

    @Test
    void unsupportedFeaturesFailLoudlyWithTheirPlace() {
        assertEquals(
                "{AnonymousBlock=[line 1, column 18: not supported by the local org's Apex runtime: SOSL]}",
                problem("List<Object> r = [FIND 'x' IN ALL FIELDS RETURNING Account];"));
        assertEquals(
                "{AnonymousBlock=[line 1, column 6: not supported by the local org's Apex runtime: Test.getEventBus]}",
                problem("Test.getEventBus();"));
    }

    @Test
    void realWorldIdiomsInterfacesTypeForNameSortingAndDynamicSoql() {
        String handler = "public interface Handler { String handle(String s); }";
        String upper =
                "public class Upper implements Handler { public String handle(String s) { return s.toUpperCase(); } }";
        String ranked = """
        public class Ranked implements Comparable {
            public Integer rank;
            public Ranked(Integer rank) { this.rank = rank; }
            public Integer compareTo(Object other) { return rank - ((Ranked) other).rank; }
        }""";
        assertEquals("ABC\n1,2,3\n1", out("""
        Handler h = (Handler) Type.forName('Upper').newInstance();
        System.debug(h.handle('abc'));
        List<Ranked> rs = new List<Ranked>{ new Ranked(3), new Ranked(1), new Ranked(2) };
        rs.sort();
        List<String> order = new List<String>();
        for (Ranked r : rs) { order.add(String.valueOf(r.rank)); }
        System.debug(String.join(order, ','));
        insert new Account(Name = 'Dyn');
        List<Account> found = Database.queryWithBinds('SELECT Id FROM Account WHERE Name = :n',
            new Map<String, Object>{ 'n' => 'Dyn' }, AccessLevel.SYSTEM_MODE);
        System.debug(found.size());
        """, handler, upper, ranked));
    }

    @Test
    void jsonDeserializesIntoApexTypes() {
        String cls = "public class Item { public String name; public Integer count; public List<Decimal> prices; }";
        assertEquals("box 2 (1.5, 2)\n1", out("""
        Item i = (Item) JSON.deserialize('{"name":"box","count":2,"prices":[1.5,2],"extra":true}', Item.class);
        System.debug(i.name + ' ' + i.count + ' ' + i.prices);
        List<Item> l = (List<Item>) JSON.deserialize('[{"name":"a"}]', List<Item>.class);
        System.debug(l.size());
        """, cls));
    }

    @Test
    void anonymousBlockStacksAreNamedAnonymousBlock() {
        Anon.Outcome o = Anon.run("Integer x = 1;\nAssert.areEqual(2, x);");
        assertEquals("System.AssertException: Assertion Failed: Expected: 2, Actual: 1", o.error());
        assertEquals("AnonymousBlock: line 2, column 1", o.stack());
    }

    @Test
    void queueablesAndFutureMethodsRunAtStopTest() {
        String job = """
        public class Job implements Queueable {
            public static Integer runs = 0;
            public void execute(QueueableContext ctx) { runs++; later(); }
            @future public static void later() { runs += 10; }
        }""";
        assertEquals("0\n11", out("""
        Test.startTest();
        System.enqueueJob(new Job());
        System.debug(Job.runs);
        Test.stopTest();
        System.debug(Job.runs);
        """, job));
    }

    @Test
    void overloadsResolveByStaticTypesSoATypedNullPicksItsOverload() {
        String cls = """
        public class Pick {
            public static String of(Boolean b) { return 'Boolean'; }
            public static String of(String s) { return 'String'; }
        }""";
        assertEquals(
                "String\nBoolean", out("System.debug(Pick.of((String) null));\nSystem.debug(Pick.of(true));", cls));
    }

    @Test
    void describeFieldsByNameAndMap() {
        assertEquals("Name\ntrue\nREFERENCE", out("""
        Schema.DescribeFieldResult d = Schema.SObjectType.Account.fields.Name.getDescribe();
        System.debug(d.getName());
        Map<String, Schema.SObjectField> m = Account.SObjectType.getDescribe().fields.getMap();
        System.debug(m.containsKey('name'));
        System.debug(m.get('ownerid').getDescribe().getType());
        """));
    }

    @Test
    void queryResultsHeldInAListAreOrdinaryLists() {
        assertEquals("2\nFirst", out("""
        insert new Account(Name = 'First');
        List<Account> l = [SELECT Id, Name FROM Account];
        l.add(new Account(Name = 'Second'));
        System.debug(l.size());
        System.debug([SELECT Name FROM Account LIMIT 1].Name);
        """));
    }
}
