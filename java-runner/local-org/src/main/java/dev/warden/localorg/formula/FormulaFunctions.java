package dev.warden.localorg.formula;

import static dev.warden.localorg.formula.FormulaCompiler.MATH;
import static dev.warden.localorg.formula.FormulaCompiler.plain;
import static dev.warden.localorg.formula.FormulaCompiler.text;
import static dev.warden.localorg.formula.FormulaCompiler.truth;
import static dev.warden.localorg.formula.FormulaType.CHECKBOX;
import static dev.warden.localorg.formula.FormulaType.DATE;
import static dev.warden.localorg.formula.FormulaType.DATETIME;
import static dev.warden.localorg.formula.FormulaType.MULTIPICKLIST;
import static dev.warden.localorg.formula.FormulaType.NULL;
import static dev.warden.localorg.formula.FormulaType.NUMBER;
import static dev.warden.localorg.formula.FormulaType.PICKLIST;
import static dev.warden.localorg.formula.FormulaType.TEXT;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The formula functions the local org computes (Salesforce's "Formula Operators and Functions" reference, the
 * commonly used subset). A function Salesforce has but the local org does not compute fails the deploy with
 * "not supported by the local org's formula engine"; a name Salesforce does not know is "Unknown function X. Check
 * spelling." (wording UNCONFIRMED). Dates and times are UTC (the org's time zone is not modelled).
 */
final class FormulaFunctions {
    /** Functions that exist on the platform but are not computed here (or are for validation rules and flows only). */
    private static final Set<String> NOT_COMPUTED = Set.of(
            "REGEX",
            "VLOOKUP",
            "GETRECORDIDS",
            "GETSESSIONID",
            "PREDICT",
            "CURRENCYRATE",
            "DISTANCE",
            "GEOLOCATION",
            "HTMLENCODE",
            "JSENCODE",
            "JSINHTMLENCODE",
            "URLENCODE",
            "INCLUDE",
            "LINKTO",
            "URLFOR",
            "REQUIRESCRIPT",
            "IMAGEPROXYURL",
            "PARENTGROUPVAL",
            "PREVGROUPVAL",
            "TIMENOW",
            "TIMEVALUE",
            "HOUR",
            "MINUTE",
            "SECOND",
            "MILLISECOND",
            "ISOWEEK",
            "ISOYEAR",
            "DAYOFYEAR",
            "FORMATDURATION",
            "UNIXTIMESTAMP",
            "FROMUNIXTIME",
            "CASESAFEID",
            "INITCAP",
            "REVERSE",
            "MCEILING",
            "MFLOOR",
            "ISCLONE",
            "CHR",
            "ASCII");
    /** Functions only validation rules, workflow and flows may use. */
    private static final Set<String> NOT_IN_FIELDS = Set.of("ISCHANGED", "ISNEW", "PRIORVALUE");

    private static final DateTimeFormatter DATETIME_TEXT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private FormulaFunctions() {}

    static Node call(String name, List<Node> args) {
        Node[] a = args.toArray(new Node[0]);
        switch (name) {
            case "IF": {
                count(name, a, 3, 3);
                type(name, plain(a[0]), CHECKBOX);
                FormulaType t = common(name, plain(a[1]), plain(a[2]));
                return new Node(t, in -> truth(a[0].eval(in)) ? a[1].eval(in) : a[2].eval(in));
            }
            case "CASE": {
                if (a.length < 4 || a.length % 2 != 0) {
                    throw new FormulaException("Incorrect number of parameters for function 'CASE()'. Expected "
                            + Math.max(4, a.length + 1) + ", received " + a.length);
                }
                FormulaType key = a[0].type() == PICKLIST ? TEXT : a[0].type();
                FormulaType result = NULL;
                for (int i = 1; i < a.length - 1; i += 2) {
                    type(name, plain(a[i]), key);
                    result = common(name, new Node(result, null), plain(a[i + 1]));
                }
                result = common(name, new Node(result, null), plain(a[a.length - 1]));
                return new Node(result, in -> {
                    Object k = a[0].eval(in);
                    for (int i = 1; i < a.length - 1; i += 2) {
                        Object v = a[i].eval(in);
                        if (key == TEXT ? text(k).equals(text(v)) : FormulaCompiler.equal(k, v)) {
                            return a[i + 1].eval(in);
                        }
                    }
                    return a[a.length - 1].eval(in);
                });
            }
            case "AND", "OR": {
                count(name, a, 1, Integer.MAX_VALUE);
                for (Node n : a) {
                    type(name, plain(n), CHECKBOX);
                }
                boolean and = name.equals("AND");
                return new Node(CHECKBOX, in -> {
                    for (Node n : a) {
                        if (truth(n.eval(in)) != and) {
                            return !and;
                        }
                    }
                    return and;
                });
            }
            case "NOT": {
                count(name, a, 1, 1);
                type(name, plain(a[0]), CHECKBOX);
                return new Node(CHECKBOX, in -> !truth(a[0].eval(in)));
            }
            case "ISBLANK", "ISNULL": {
                count(name, a, 1, 1);
                return new Node(CHECKBOX, in -> blank(a[0].eval(in)));
            }
            case "BLANKVALUE", "NULLVALUE": {
                count(name, a, 2, 2);
                FormulaType t = common(name, plain(a[0]), plain(a[1]));
                return new Node(t, in -> {
                    Object v = a[0].eval(in);
                    return blank(v) ? a[1].eval(in) : v;
                });
            }
            case "ISPICKVAL": {
                count(name, a, 2, 2);
                if (a[0].type() != PICKLIST) {
                    throw new FormulaException("Incorrect parameter type for function 'ISPICKVAL()'. Expected"
                            + " Picklist, received " + a[0].type().label());
                }
                type(name, plain(a[1]), TEXT);
                return new Node(CHECKBOX, in -> text(a[0].eval(in)).equals(text(a[1].eval(in))));
            }
            case "INCLUDES": {
                count(name, a, 2, 2);
                if (a[0].type() != MULTIPICKLIST) {
                    throw new FormulaException("Incorrect parameter type for function 'INCLUDES()'. Expected"
                            + " Multi-Select Picklist, received " + a[0].type().label());
                }
                type(name, plain(a[1]), TEXT);
                return new Node(
                        CHECKBOX,
                        in -> Arrays.asList(text(a[0].eval(in)).split(";")).contains(text(a[1].eval(in))));
            }
            case "TEXT": {
                count(name, a, 1, 1);
                if (a[0].type() == MULTIPICKLIST) {
                    throw FormulaCompiler.picklistMisuse(a[0].picklistField());
                }
                return new Node(TEXT, in -> toText(a[0].eval(in)));
            }
            case "VALUE": {
                count(name, a, 1, 1);
                type(name, plain(a[0]), TEXT);
                return new Node(NUMBER, in -> {
                    String s = text(a[0].eval(in)).trim();
                    if (s.isEmpty()) {
                        return null;
                    }
                    try {
                        return new BigDecimal(s);
                    } catch (NumberFormatException e) {
                        throw new Formula.FormulaRuntimeException("VALUE: not a number: " + s);
                    }
                });
            }
            case "ISNUMBER": {
                count(name, a, 1, 1);
                type(name, plain(a[0]), TEXT);
                return new Node(CHECKBOX, in -> text(a[0].eval(in)).trim().matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)"));
            }
            case "LEN": {
                count(name, a, 1, 1);
                type(name, plain(a[0]), TEXT);
                return new Node(
                        NUMBER, in -> BigDecimal.valueOf(text(a[0].eval(in)).length()));
            }
            case "LEFT", "RIGHT": {
                count(name, a, 2, 2);
                type(name, plain(a[0]), TEXT);
                type(name, plain(a[1]), NUMBER);
                boolean left = name.equals("LEFT");
                return new Node(TEXT, in -> {
                    String s = text(a[0].eval(in));
                    int n = Math.max(0, Math.min(s.length(), intOf(a[1].eval(in))));
                    return left ? s.substring(0, n) : s.substring(s.length() - n);
                });
            }
            case "MID": {
                count(name, a, 3, 3);
                type(name, plain(a[0]), TEXT);
                type(name, plain(a[1]), NUMBER);
                type(name, plain(a[2]), NUMBER);
                return new Node(TEXT, in -> {
                    String s = text(a[0].eval(in));
                    int start = Math.max(1, intOf(a[1].eval(in))) - 1;
                    int n = Math.max(0, intOf(a[2].eval(in)));
                    return start >= s.length() ? "" : s.substring(start, Math.min(s.length(), start + n));
                });
            }
            case "UPPER", "LOWER", "TRIM": {
                count(name, a, 1, 1);
                type(name, plain(a[0]), TEXT);
                return new Node(TEXT, in -> {
                    String s = text(a[0].eval(in));
                    return switch (name) {
                        case "UPPER" -> s.toUpperCase(Locale.ROOT);
                        case "LOWER" -> s.toLowerCase(Locale.ROOT);
                        default -> s.strip();
                    };
                });
            }
            case "CONTAINS", "BEGINS": {
                count(name, a, 2, 2);
                type(name, plain(a[0]), TEXT);
                type(name, plain(a[1]), TEXT);
                boolean contains = name.equals("CONTAINS");
                return new Node(CHECKBOX, in -> {
                    String s = text(a[0].eval(in));
                    String t = text(a[1].eval(in));
                    return contains ? s.contains(t) : s.startsWith(t);
                });
            }
            case "FIND": {
                count(name, a, 2, 3);
                type(name, plain(a[0]), TEXT);
                type(name, plain(a[1]), TEXT);
                if (a.length == 3) {
                    type(name, plain(a[2]), NUMBER);
                }
                return new Node(NUMBER, in -> {
                    int from = a.length == 3 ? Math.max(1, intOf(a[2].eval(in))) - 1 : 0;
                    String what = text(a[0].eval(in));
                    return BigDecimal.valueOf(
                            what.isEmpty() ? 0 : text(a[1].eval(in)).indexOf(what, from) + 1);
                });
            }
            case "SUBSTITUTE": {
                count(name, a, 3, 3);
                for (Node n : a) {
                    type(name, plain(n), TEXT);
                }
                return new Node(TEXT, in -> {
                    String old = text(a[1].eval(in));
                    String s = text(a[0].eval(in));
                    return old.isEmpty() ? s : s.replace(old, text(a[2].eval(in)));
                });
            }
            case "LPAD", "RPAD": {
                count(name, a, 2, 3);
                type(name, plain(a[0]), TEXT);
                type(name, plain(a[1]), NUMBER);
                if (a.length == 3) {
                    type(name, plain(a[2]), TEXT);
                }
                boolean leftPad = name.equals("LPAD");
                return new Node(TEXT, in -> {
                    String s = text(a[0].eval(in));
                    int n = Math.max(0, intOf(a[1].eval(in)));
                    String pad = a.length == 3 ? text(a[2].eval(in)) : " ";
                    if (s.length() >= n || pad.isEmpty()) {
                        return s.substring(0, Math.min(n, s.length()));
                    }
                    StringBuilder fill = new StringBuilder();
                    while (fill.length() < n - s.length()) {
                        fill.append(pad);
                    }
                    String f = fill.substring(0, n - s.length());
                    return leftPad ? f + s : s + f;
                });
            }
            case "BR": {
                count(name, a, 0, 0);
                return new Node(TEXT, in -> "<br>");
            }
            case "HYPERLINK": {
                // The API returns the anchor's HTML; the default target _blank is UNCONFIRMED.
                count(name, a, 2, 3);
                for (Node n : a) {
                    type(name, plain(n), TEXT);
                }
                return new Node(
                        TEXT,
                        in -> "<a href=\"" + text(a[0].eval(in)) + "\" target=\""
                                + (a.length == 3 ? text(a[2].eval(in)) : "_blank") + "\">" + text(a[1].eval(in))
                                + "</a>");
            }
            case "IMAGE": {
                // The API returns the img element's HTML (attribute order and border UNCONFIRMED).
                count(name, a, 2, 4);
                type(name, plain(a[0]), TEXT);
                type(name, plain(a[1]), TEXT);
                for (int i = 2; i < a.length; i++) {
                    type(name, plain(a[i]), NUMBER);
                }
                return new Node(
                        TEXT,
                        in -> "<img src=\"" + text(a[0].eval(in)) + "\" alt=\"" + text(a[1].eval(in))
                                + "\"" + (a.length > 2 ? " height=\"" + intOf(a[2].eval(in)) + "\"" : "")
                                + (a.length > 3 ? " width=\"" + intOf(a[3].eval(in)) + "\"" : "") + " border=\"0\"/>");
            }
            case "ROUND", "TRUNC": {
                count(name, a, name.equals("ROUND") ? 2 : 1, 2);
                numbers(name, a);
                RoundingMode mode = name.equals("ROUND") ? RoundingMode.HALF_UP : RoundingMode.DOWN;
                return new Node(NUMBER, in -> {
                    BigDecimal d = (BigDecimal) a[0].eval(in);
                    Object digits = a.length == 2 ? a[1].eval(in) : BigDecimal.ZERO;
                    return d == null || digits == null ? null : d.setScale(intOf(digits), mode);
                });
            }
            case "FLOOR", "CEILING", "ABS", "SQRT", "EXP", "LN", "LOG": {
                count(name, a, 1, 1);
                numbers(name, a);
                return new Node(NUMBER, in -> {
                    BigDecimal d = (BigDecimal) a[0].eval(in);
                    if (d == null) {
                        return null;
                    }
                    return switch (name) {
                        case "FLOOR" -> d.setScale(0, RoundingMode.FLOOR);
                        case "CEILING" -> d.setScale(0, RoundingMode.CEILING);
                        case "ABS" -> d.abs();
                        case "SQRT" -> positive(d).sqrt(MATH);
                        case "EXP" -> new BigDecimal(Math.exp(d.doubleValue()), MATH);
                        case "LN" -> new BigDecimal(Math.log(positive(d).doubleValue()), MATH);
                        default -> new BigDecimal(Math.log10(positive(d).doubleValue()), MATH);
                    };
                });
            }
            case "MAX", "MIN": {
                count(name, a, 1, Integer.MAX_VALUE);
                numbers(name, a);
                boolean max = name.equals("MAX");
                return new Node(NUMBER, in -> {
                    BigDecimal best = null;
                    for (Node n : a) {
                        BigDecimal d = (BigDecimal) n.eval(in);
                        if (d == null) {
                            return null;
                        }
                        best = best == null || (max ? d.compareTo(best) > 0 : d.compareTo(best) < 0) ? d : best;
                    }
                    return best;
                });
            }
            case "MOD": {
                count(name, a, 2, 2);
                numbers(name, a);
                return new Node(NUMBER, in -> {
                    BigDecimal x = (BigDecimal) a[0].eval(in);
                    BigDecimal y = (BigDecimal) a[1].eval(in);
                    return x == null || y == null ? null : x.remainder(y, MATH);
                });
            }
            case "TODAY": {
                count(name, a, 0, 0);
                return new Node(DATE, FormulaInputs::today);
            }
            case "NOW": {
                count(name, a, 0, 0);
                return new Node(DATETIME, FormulaInputs::now);
            }
            case "DATE": {
                count(name, a, 3, 3);
                numbers(name, a);
                return new Node(DATE, in -> {
                    Object y = a[0].eval(in);
                    Object m = a[1].eval(in);
                    Object d = a[2].eval(in);
                    if (y == null || m == null || d == null) {
                        return null;
                    }
                    try {
                        return LocalDate.of(intOf(y), intOf(m), intOf(d));
                    } catch (DateTimeException e) {
                        throw new Formula.FormulaRuntimeException("DATE: " + e.getMessage());
                    }
                });
            }
            case "DATEVALUE": {
                count(name, a, 1, 1);
                type(name, plain(a[0]), TEXT, DATETIME, DATE);
                return new Node(DATE, in -> {
                    Object v = a[0].eval(in);
                    if (v == null || v instanceof LocalDate) {
                        return v;
                    }
                    if (v instanceof Instant i) {
                        return LocalDate.ofInstant(i, ZoneOffset.UTC);
                    }
                    try {
                        return LocalDate.parse(v.toString()
                                .trim()
                                .substring(0, Math.min(10, v.toString().trim().length())));
                    } catch (DateTimeParseException e) {
                        throw new Formula.FormulaRuntimeException("DATEVALUE: " + v);
                    }
                });
            }
            case "DATETIMEVALUE": {
                count(name, a, 1, 1);
                type(name, plain(a[0]), TEXT, DATE, DATETIME);
                return new Node(DATETIME, in -> {
                    Object v = a[0].eval(in);
                    if (v == null || v instanceof Instant) {
                        return v;
                    }
                    if (v instanceof LocalDate d) {
                        return d.atStartOfDay().toInstant(ZoneOffset.UTC);
                    }
                    String s = v.toString().trim();
                    try {
                        return s.length() <= 10
                                ? LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC)
                                : LocalDateTime.parse(s.replace(' ', 'T').replace("Z", ""))
                                        .toInstant(ZoneOffset.UTC);
                    } catch (DateTimeParseException e) {
                        throw new Formula.FormulaRuntimeException("DATETIMEVALUE: " + s);
                    }
                });
            }
            case "YEAR", "MONTH", "DAY", "WEEKDAY": {
                count(name, a, 1, 1);
                type(name, plain(a[0]), DATE);
                return new Node(NUMBER, in -> {
                    LocalDate d = (LocalDate) a[0].eval(in);
                    if (d == null) {
                        return null;
                    }
                    return BigDecimal.valueOf(
                            switch (name) {
                                case "YEAR" -> d.getYear();
                                case "MONTH" -> d.getMonthValue();
                                case "DAY" -> d.getDayOfMonth();
                                default -> d.getDayOfWeek().getValue() % 7 + 1; // 1 = Sunday
                            });
                });
            }
            case "ADDMONTHS": {
                count(name, a, 2, 2);
                type(name, plain(a[0]), DATE, DATETIME);
                type(name, plain(a[1]), NUMBER);
                FormulaType t = a[0].type() == NULL ? DATE : a[0].type();
                return new Node(t, in -> {
                    Object v = a[0].eval(in);
                    Object n = a[1].eval(in);
                    if (v == null || n == null) {
                        return null;
                    }
                    if (v instanceof Instant i) {
                        LocalDateTime dt = LocalDateTime.ofInstant(i, ZoneOffset.UTC);
                        return addMonths(dt.toLocalDate(), intOf(n))
                                .atTime(dt.toLocalTime())
                                .toInstant(ZoneOffset.UTC);
                    }
                    return addMonths((LocalDate) v, intOf(n));
                });
            }
            default:
                if (NOT_IN_FIELDS.contains(name)) {
                    throw new FormulaException("Function " + name + " may not be used in this type of formula");
                }
                if (NOT_COMPUTED.contains(name)) {
                    throw FormulaException.unsupported("the function " + name + "()");
                }
                throw new FormulaException("Unknown function " + name + ". Check spelling.");
        }
    }

    /** The last day of a month stays the last day (Jan 31 + 1 month = Feb 28/29; Feb 28 + 1 = Mar 31). */
    static LocalDate addMonths(LocalDate d, int months) {
        LocalDate r = d.plusMonths(months);
        return d.getDayOfMonth() == d.lengthOfMonth() ? r.withDayOfMonth(r.lengthOfMonth()) : r;
    }

    private static boolean blank(Object v) {
        return v == null || "".equals(v);
    }

    private static BigDecimal positive(BigDecimal d) {
        if (d.signum() < 0) {
            throw new Formula.FormulaRuntimeException("negative argument");
        }
        return d;
    }

    private static int intOf(Object v) {
        if (v == null) {
            throw new Formula.FormulaRuntimeException("blank number");
        }
        return ((BigDecimal) v).setScale(0, RoundingMode.DOWN).intValue();
    }

    /** TEXT(): numbers without trailing zeros, dates ISO, datetimes "yyyy-MM-dd HH:mm:ssZ" (UTC). */
    private static String toText(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Instant i) {
            return DATETIME_TEXT.format(i);
        }
        return v.toString();
    }

    private static void count(String name, Node[] a, int min, int max) {
        if (a.length < min || a.length > max) {
            throw new FormulaException("Incorrect number of parameters for function '" + name + "()'. Expected "
                    + (a.length < min ? min : max) + ", received " + a.length);
        }
    }

    private static void numbers(String name, Node[] a) {
        for (Node n : a) {
            type(name, plain(n), NUMBER);
        }
    }

    private static void type(String name, Node n, FormulaType... expected) {
        for (FormulaType t : expected) {
            if (t.accepts(n.type())) {
                return;
            }
        }
        throw new FormulaException("Incorrect parameter type for function '" + name + "()'. Expected "
                + expected[0].label() + ", received " + n.type().label());
    }

    /** The type both branches share (IF, CASE, BLANKVALUE); NULL fits any. */
    private static FormulaType common(String name, Node a, Node b) {
        if (a.type() == NULL) {
            return b.type();
        }
        type(name, b, a.type());
        return a.type();
    }
}
