package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/** Date statics and instance methods (UTC is the user time zone here; UNCONFIRMED for users in other zones). */
final class DateLib implements Builtin {
    @Override
    public String name() {
        return "Date";
    }

    @Override
    public Set<String> statics() {
        return Set.of("today", "newinstance", "valueof", "isleapyear", "daysinmonth");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        switch (m) {
            case "today":
                return LocalDate.ofInstant(Instant.now(f.tx.host.clock()), ZoneOffset.UTC);
            case "newinstance":
                return LocalDate.of(Args.integer(f, a, 0), Args.integer(f, a, 1), Args.integer(f, a, 2));
            case "valueof":
                if (a.get(0) instanceof Instant i) {
                    return LocalDate.ofInstant(i, ZoneOffset.UTC);
                }
                try {
                    return LocalDate.parse(Args.strNotNull(f, a, 0).substring(0, 10));
                } catch (RuntimeException e) {
                    throw Errors.apex(f, "TypeException", "Invalid date: " + a.get(0));
                }
            case "isleapyear":
                return java.time.Year.isLeap(Args.integer(f, a, 0));
            case "daysinmonth":
                return java.time.YearMonth.of(Args.integer(f, a, 0), Args.integer(f, a, 1))
                        .lengthOfMonth();
            default:
                throw Args.noSuch(f, "Date", m, a);
        }
    }

    static Object instance(Frame f, LocalDate d, String m, List<Object> a) {
        switch (m) {
            case "adddays":
                return d.plusDays(Args.integer(f, a, 0));
            case "addmonths":
                return d.plusMonths(Args.integer(f, a, 0));
            case "addyears":
                return d.plusYears(Args.integer(f, a, 0));
            case "year":
                return d.getYear();
            case "month":
                return d.getMonthValue();
            case "day":
                return d.getDayOfMonth();
            case "dayofyear":
                return d.getDayOfYear();
            case "daysbetween":
                return (int) ChronoUnit.DAYS.between(d, (LocalDate) a.get(0));
            case "format":
            case "tostring":
                return d.toString();
            default:
                throw Args.noSuch(f, "Date", m, a);
        }
    }
}
