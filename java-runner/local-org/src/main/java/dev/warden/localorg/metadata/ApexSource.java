package dev.warden.localorg.metadata;

import io.github.apexdevtools.apexparser.ApexLexer;
import io.github.apexdevtools.apexparser.ApexParser;
import io.github.apexdevtools.apexparser.ApexParserFactory;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;

/**
 * Syntax check of Apex bodies with apex-parser (the grammar PMD and apex-ls use). The local org cannot compile or
 * run Apex; it only rejects what does not parse, reporting the first error the way a deploy does (problem, 1-based
 * line and column; e.g. {@code Missing ';' at '}'} as in sf-cli-wire-samples/10_deploy_compile_error).
 */
public final class ApexSource {
    private ApexSource() {}

    /** The first syntax error, or null when the body parses. */
    public record SyntaxError(String problem, int line, int column) {}

    /** What a trigger declares: {@code trigger Name on Object (after insert, ...)}. */
    public record TriggerHeader(String name, String object, Set<String> events) {}

    public static SyntaxError checkClass(String body) {
        FirstError errors = new FirstError();
        parser(body, errors).compilationUnit();
        return errors.first;
    }

    /** Parses a trigger; {@code error[0]} receives the first syntax error (null when clean). */
    public static TriggerHeader parseTrigger(String body, SyntaxError[] error) {
        FirstError errors = new FirstError();
        ApexParser.TriggerUnitContext unit = parser(body, errors).triggerUnit();
        error[0] = errors.first;
        if (errors.first != null || unit.id().size() < 2) {
            return null;
        }
        Set<String> events = new LinkedHashSet<>();
        for (ApexParser.TriggerCaseContext c : unit.triggerCase()) {
            String when = c.BEFORE() != null ? "before" : "after";
            String what = c.INSERT() != null
                    ? "insert"
                    : c.UPDATE() != null ? "update" : c.DELETE() != null ? "delete" : "undelete";
            events.add(when + " " + what);
        }
        return new TriggerHeader(unit.id(0).getText(), unit.id(1).getText(), events);
    }

    private static ApexParser parser(String body, FirstError errors) {
        ApexLexer lexer = ApexParserFactory.createLexer(CharStreams.fromString(body));
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        ApexParser parser = new ApexParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        return parser;
    }

    private static final class FirstError extends BaseErrorListener {
        SyntaxError first;

        @Override
        public void syntaxError(
                Recognizer<?, ?> recognizer,
                Object offendingSymbol,
                int line,
                int charPositionInLine,
                String msg,
                RecognitionException e) {
            if (first == null) {
                String m = msg == null || msg.isEmpty()
                        ? "Syntax error"
                        : msg.substring(0, 1).toUpperCase(Locale.ROOT) + msg.substring(1);
                first = new SyntaxError(m, line, charPositionInLine + 1);
            }
        }
    }
}
