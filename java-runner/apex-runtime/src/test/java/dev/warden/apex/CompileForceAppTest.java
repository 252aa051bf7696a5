package dev.warden.apex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.apex.exec.Program;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every class and trigger of force-app lowers, links and compiles against the org schema. */
class CompileForceAppTest {
    @Test
    void allTwentyFiveFilesCompileWithoutProblems() {
        List<ApexSource> sources = ForceApp.sources();
        Program p = Program.compile(sources, new InMemoryHost());
        Map<String, List<String>> problems = p.problems();
        assertTrue(problems.isEmpty(), () -> "compile problems: " + problems);
        assertEquals(25, sources.size());
        assertEquals(21, p.classes().size());
        assertEquals(4, p.triggers().size());
    }
}
