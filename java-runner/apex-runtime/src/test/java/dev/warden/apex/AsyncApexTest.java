package dev.warden.apex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Async Apex inside a test: queued work runs at Test.stopTest, each job with async limits of its own. */
class AsyncApexTest {
    static final String JOB = """
      public class CountingJob implements Queueable {
          public void execute(QueueableContext ctx) {
              Integer n = [SELECT COUNT() FROM Account];
              System.debug('queueable ' + Limits.getQueries() + '/' + Limits.getLimitQueries());
              System.enqueueJob(new ChainedJob());
          }
          @future
          public static void later(String what) {
              System.debug('future ' + what + ' ' + Limits.getQueries());
          }
      }
      """;
    static final String CHAINED = """
      public class ChainedJob implements Queueable {
          public void execute(QueueableContext ctx) {
              System.debug('chained ' + Limits.getQueries());
          }
      }
      """;

    @Test
    void stopTestRunsEverythingQueuedSinceStartTestEachJobWithFreshAsyncLimits() {
        Anon.Outcome o = Anon.run("""
        Test.startTest();
        for (Integer i = 0; i < 5; i++) {
            Integer n = [SELECT COUNT() FROM Account];
        }
        System.enqueueJob(new CountingJob());
        CountingJob.later('x');
        System.debug('queued');
        Test.stopTest();
        System.debug('after ' + Limits.getQueries() + '/' + Limits.getLimitQueries());
        """, JOB, CHAINED);
        assertNull(o.error(), () -> o.error() + "\n" + o.stack());
        assertEquals("queued\nqueueable 1/200\nfuture x 0\nchained 0\nafter 0/100", o.out());
    }
}
