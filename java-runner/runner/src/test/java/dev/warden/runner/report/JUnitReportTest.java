package dev.warden.runner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The suite's {@code tests} attribute counts the cases it holds, so CI tools agree with the file. */
class JUnitReportTest {
    private static final Pattern TESTS = Pattern.compile("<testsuite [^>]*tests=\"(\\d+)\"");

    @Test
    void aRunWithoutChecksIsOnePassingCaseAndTheSuiteCountsIt() {
        String xml = JUnitReport.render(new Report("plan"));
        assertEquals(1, count(xml, "<testcase "), xml);
        assertEquals(1, testsAttribute(xml), xml);
    }

    private static int count(String xml, String what) {
        return xml.split(Pattern.quote(what), -1).length - 1;
    }

    private static int testsAttribute(String xml) {
        Matcher m = TESTS.matcher(xml);
        m.find();
        return Integer.parseInt(m.group(1));
    }
}
