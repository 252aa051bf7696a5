package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.ApexSet;
import dev.warden.apex.value.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** String: statics and instance methods. */
final class StringLib implements Builtin {
    @Override
    public String name() {
        return "String";
    }

    @Override
    public Set<String> statics() {
        return Set.of(
                "valueof",
                "isblank",
                "isnotblank",
                "isempty",
                "isnotempty",
                "join",
                "escapesinglequotes",
                "format",
                "valueofgmt",
                "fromchararray");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        switch (m) {
            case "valueof":
                // UNCONFIRMED: String.valueOf(null) answers the text 'null' (as concatenation does). Counter-evidence:
                // apex-recipes' TestFactory tests `String.valueOf(map.get(k)) == null` and would fail in real orgs with
                // 'null'; the package's WardenScenarioReplayTest relies on 'null'. A real org must settle it (docs)
                return dev.warden.apex.exec.Arithmetic.text(f, a.get(0));
            case "isblank":
                return a.get(0) == null || a.get(0).toString().isBlank();
            case "isnotblank":
                return a.get(0) != null && !a.get(0).toString().isBlank();
            case "isempty":
                return a.get(0) == null || a.get(0).toString().isEmpty();
            case "isnotempty":
                return a.get(0) != null && !a.get(0).toString().isEmpty();
            case "join": {
                Object c = a.get(0);
                if (c == null) {
                    throw Errors.npe(f);
                }
                Collection<Object> items = c instanceof ApexList l ? l.items : ((ApexSet) c).items.values();
                List<String> parts = new ArrayList<>();
                for (Object o : items) {
                    parts.add(Values.text(o));
                }
                return String.join(Args.str(f, a, 1) == null ? "null" : Args.str(f, a, 1), parts);
            }
            case "escapesinglequotes":
                return Args.strNotNull(f, a, 0).replace("'", "\\'");
            case "format": {
                String s = Args.strNotNull(f, a, 0);
                List<Object> vals = ((ApexList) a.get(1)).items;
                for (int i = 0; i < vals.size(); i++) {
                    s = s.replace("{" + i + "}", Values.text(vals.get(i)));
                }
                return s;
            }
            case "fromchararray": {
                StringBuilder b = new StringBuilder();
                for (Object o : ((ApexList) a.get(0)).items) {
                    b.appendCodePoint(((Number) o).intValue());
                }
                return b.toString();
            }
            default:
                throw Args.noSuch(f, "String", m, a);
        }
    }

    /** Instance methods of String. */
    static Object instance(Frame f, String s, String m, List<Object> a) {
        switch (m) {
            case "length":
                return s.length();
            case "trim":
                return s.trim();
            case "tolowercase":
                return s.toLowerCase(Locale.ROOT);
            case "touppercase":
                return s.toUpperCase(Locale.ROOT);
            case "contains":
                return s.contains(Args.strNotNull(f, a, 0));
            case "containsignorecase":
                return s.toLowerCase(Locale.ROOT)
                        .contains(Args.strNotNull(f, a, 0).toLowerCase(Locale.ROOT));
            case "startswith":
                return s.startsWith(Args.strNotNull(f, a, 0));
            case "startswithignorecase":
                return s.toLowerCase(Locale.ROOT)
                        .startsWith(Args.strNotNull(f, a, 0).toLowerCase(Locale.ROOT));
            case "endswith":
                return s.endsWith(Args.strNotNull(f, a, 0));
            case "endswithignorecase":
                return s.toLowerCase(Locale.ROOT)
                        .endsWith(Args.strNotNull(f, a, 0).toLowerCase(Locale.ROOT));
            case "equals":
                return a.get(0) != null && s.equals(Values.text(a.get(0)));
            case "equalsignorecase":
                return a.get(0) != null && s.equalsIgnoreCase(Values.text(a.get(0)));
            case "indexof":
                return a.size() == 1
                        ? s.indexOf(Args.strNotNull(f, a, 0))
                        : s.indexOf(Args.strNotNull(f, a, 0), Args.integer(f, a, 1));
            case "lastindexof":
                return s.lastIndexOf(Args.strNotNull(f, a, 0));
            case "substring": {
                int from = Args.integer(f, a, 0);
                int to = a.size() > 1 ? Args.integer(f, a, 1) : s.length();
                if (from < 0 || to > s.length() || from > to) {
                    throw Errors.apex(f, "StringException", "Ending position out of bounds: " + to);
                }
                return s.substring(from, to);
            }
            case "left": {
                int n = Args.integer(f, a, 0);
                return n <= 0 ? "" : s.length() <= n ? s : s.substring(0, n);
            }
            case "right": {
                int n = Args.integer(f, a, 0);
                return n <= 0 ? "" : s.length() <= n ? s : s.substring(s.length() - n);
            }
            case "leftpad": {
                int n = Args.integer(f, a, 0);
                String pad = a.size() > 1 ? Args.strNotNull(f, a, 1) : " ";
                StringBuilder b = new StringBuilder();
                while (b.length() + s.length() < n) {
                    b.append(pad);
                }
                return b.substring(0, Math.max(0, n - s.length())) + s;
            }
            case "rightpad": {
                int n = Args.integer(f, a, 0);
                String pad = a.size() > 1 ? Args.strNotNull(f, a, 1) : " ";
                StringBuilder b = new StringBuilder(s);
                while (b.length() < n) {
                    b.append(pad);
                }
                return b.length() > n && n >= s.length() ? b.substring(0, n) : b.toString();
            }
            case "substringafter": {
                String sep = Args.str(f, a, 0);
                if (sep == null) {
                    return "";
                }
                int i = s.indexOf(sep);
                return i < 0 ? "" : s.substring(i + sep.length());
            }
            case "substringbefore": {
                String sep = Args.str(f, a, 0);
                if (sep == null) {
                    return s;
                }
                int i = s.indexOf(sep);
                return i < 0 ? s : s.substring(0, i);
            }
            case "substringafterlast": {
                String sep = Args.strNotNull(f, a, 0);
                int i = s.lastIndexOf(sep);
                return i < 0 ? "" : s.substring(i + sep.length());
            }
            case "substringbeforelast": {
                String sep = Args.strNotNull(f, a, 0);
                int i = s.lastIndexOf(sep);
                return i < 0 ? s : s.substring(0, i);
            }
            case "replace":
                return s.replace(Args.strNotNull(f, a, 0), Args.strNotNull(f, a, 1));
            case "replaceall":
                return s.replaceAll(Args.strNotNull(f, a, 0), Args.strNotNull(f, a, 1));
            case "replacefirst":
                return s.replaceFirst(Args.strNotNull(f, a, 0), Args.strNotNull(f, a, 1));
            case "split": {
                String[] parts = a.size() > 1
                        ? s.split(Args.strNotNull(f, a, 0), Args.integer(f, a, 1))
                        : s.split(Args.strNotNull(f, a, 0));
                List<Object> out = new ArrayList<>(List.of((Object[]) parts));
                if (s.isEmpty()) {
                    out.clear();
                }
                return new ApexList(dev.warden.apex.lower.TypeRef.of("String", null), out);
            }
            case "isnumeric":
                return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "isalpha":
                return !s.isEmpty() && s.chars().allMatch(Character::isLetter);
            case "isalphanumeric":
                return !s.isEmpty() && s.chars().allMatch(Character::isLetterOrDigit);
            case "charat":
                return (int) s.charAt(Args.integer(f, a, 0));
            case "abbreviate": {
                int n = Args.integer(f, a, 0);
                return s.length() <= n ? s : s.substring(0, Math.max(0, n - 3)) + "...";
            }
            case "capitalize":
                return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
            case "reverse":
                return new StringBuilder(s).reverse().toString();
            case "repeat":
                return a.size() == 1
                        ? s.repeat(Math.max(0, Args.integer(f, a, 0)))
                        : String.join(
                                Args.strNotNull(f, a, 0),
                                java.util.Collections.nCopies(Math.max(0, Args.integer(f, a, 1)), s));
            case "isempty":
                return s.isEmpty();
            case "isnotempty":
                return !s.isEmpty();
            case "isblank":
                return s.isBlank();
            case "isnotblank":
                return !s.isBlank();
            case "uncapitalize":
                return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
            case "compareto":
                return s.compareTo(Args.strNotNull(f, a, 0));
            case "hashcode":
                return s.hashCode();
            case "tostring":
                return s;
            case "deletewhitespace":
                return s.replaceAll("\\s", "");
            case "normalizespace":
                return s.trim().replaceAll("\\s+", " ");
            case "countmatches": {
                String sub = Args.strNotNull(f, a, 0);
                int n = 0;
                for (int i = s.indexOf(sub); i >= 0 && !sub.isEmpty(); i = s.indexOf(sub, i + sub.length())) {
                    n++;
                }
                return n;
            }
            default:
                throw Args.noSuch(f, "String", m, a);
        }
    }
}
