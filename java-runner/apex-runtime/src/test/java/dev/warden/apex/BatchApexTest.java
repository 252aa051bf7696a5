package dev.warden.apex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Batch Apex in a test: Database.executeBatch runs start, execute per scope chunk, finish at Test.stopTest. */
class BatchApexTest {
    static final String BATCH = """
      public class RenameBatch implements Database.Batchable<SObject> {
          public Database.QueryLocator start(Database.BatchableContext bc) {
              System.debug('start');
              return Database.getQueryLocator([SELECT Id, Name FROM Account ORDER BY Name]);
          }
          public void execute(Database.BatchableContext bc, List<Account> scope) {
              for (Account a : scope) {
                  a.Name = a.Name + '!';
              }
              update scope;
              System.debug('execute ' + scope.size());
          }
          public void finish(Database.BatchableContext bc) {
              System.debug('finish ' + (bc.getJobId() != null));
          }
      }
      """;

    @Test
    void stopTestRunsStartEachChunkAndFinish() {
        Anon.Outcome o = Anon.run("""
        insert new List<Account>{ new Account(Name = 'a'), new Account(Name = 'b'), new Account(Name = 'c') };
        Test.startTest();
        Id job = Database.executeBatch(new RenameBatch(), 2);
        System.debug('queued ' + String.valueOf(job).startsWith('707'));
        Test.stopTest();
        System.debug([SELECT COUNT() FROM Account WHERE Name LIKE '%!']);
        """, BATCH);
        assertEquals(java.util.Map.of(), o.problems());
        assertNull(o.error(), () -> o.error() + "\n" + o.stack());
        assertEquals("queued true\nstart\nexecute 2\nexecute 1\nfinish true\n3", o.out());
    }
}
