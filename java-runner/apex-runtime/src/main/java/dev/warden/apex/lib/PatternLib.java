package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Pattern and Matcher: Apex regular expressions are Java's. */
final class PatternLib implements Builtin {
    @Override
    public String name() {
        return "Pattern";
    }

    @Override
    public Set<String> statics() {
        return Set.of("compile", "matches", "quote");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        try {
            return switch (m) {
                case "compile" -> new PatternValue(Pattern.compile(Args.strNotNull(f, a, 0)));
                case "matches" -> Pattern.matches(Args.strNotNull(f, a, 0), Args.strNotNull(f, a, 1));
                case "quote" -> Pattern.quote(Args.strNotNull(f, a, 0));
                default -> throw Args.noSuch(f, "Pattern", m, a);
            };
        } catch (PatternSyntaxException e) {
            throw Errors.apex(f, "StringException", "Invalid regex: " + e.getMessage());
        }
    }

    record PatternValue(Pattern pattern) implements Native {
        @Override
        public String apexType() {
            return "Pattern";
        }

        @Override
        public Object call(Frame f, String m, List<Object> a) {
            return switch (m) {
                case "matcher" -> new MatcherValue(pattern.matcher(Args.strNotNull(f, a, 0)));
                case "pattern" -> pattern.pattern();
                case "split" ->
                    new dev.warden.apex.value.ApexList(
                            dev.warden.apex.lower.TypeRef.of("String", null),
                            new java.util.ArrayList<>(List.of((Object[]) pattern.split(Args.strNotNull(f, a, 0)))));
                default -> throw Args.noSuch(f, "Pattern", m, a);
            };
        }
    }

    record MatcherValue(Matcher matcher) implements Native {
        @Override
        public String apexType() {
            return "Matcher";
        }

        @Override
        public Object call(Frame f, String m, List<Object> a) {
            try {
                return switch (m) {
                    case "find" -> a.isEmpty() ? matcher.find() : matcher.find(Args.integer(f, a, 0));
                    case "matches" -> matcher.matches();
                    case "lookingat" -> matcher.lookingAt();
                    case "group" -> a.isEmpty() ? matcher.group() : matcher.group(Args.integer(f, a, 0));
                    case "groupcount" -> matcher.groupCount();
                    case "start" -> a.isEmpty() ? matcher.start() : matcher.start(Args.integer(f, a, 0));
                    case "end" -> a.isEmpty() ? matcher.end() : matcher.end(Args.integer(f, a, 0));
                    case "replaceall" -> matcher.replaceAll(Args.strNotNull(f, a, 0));
                    case "replacefirst" -> matcher.replaceFirst(Args.strNotNull(f, a, 0));
                    case "reset" -> {
                        matcher.reset();
                        yield this;
                    }
                    case "hitend" -> matcher.hitEnd();
                    default -> throw Args.noSuch(f, "Matcher", m, a);
                };
            } catch (IllegalStateException | IndexOutOfBoundsException e) {
                throw Errors.apex(f, "StringException", e.getMessage());
            }
        }
    }
}
