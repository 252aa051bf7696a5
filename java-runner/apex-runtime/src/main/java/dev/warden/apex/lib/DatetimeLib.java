package dev.warden.apex.lib;

import dev.warden.apex.exec.Frame;
import dev.warden.apex.value.Values;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/** Datetime statics and instance methods (GMT). */
final class DatetimeLib implements Builtin {
    @Override
    public String name() {
        return "Datetime";
    }

    @Override
    public Set<String> statics() {
        return Set.of("now", "newinstance", "newinstancegmt", "valueof", "valueofgmt");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        switch (m) {
            case "now":
                return Instant.now(f.tx.host.clock()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            case "newinstance":
            case "newinstancegmt":
                if (a.size() == 1) {
                    return Instant.ofEpochMilli(((Number) a.get(0)).longValue());
                }
                return ZonedDateTime.of(
                                Args.integer(f, a, 0),
                                Args.integer(f, a, 1),
                                Args.integer(f, a, 2),
                                a.size() > 3 ? Args.integer(f, a, 3) : 0,
                                a.size() > 4 ? Args.integer(f, a, 4) : 0,
                                a.size() > 5 ? Args.integer(f, a, 5) : 0,
                                0,
                                ZoneOffset.UTC)
                        .toInstant();
            case "valueof":
            case "valueofgmt":
                return java.time.LocalDateTime.parse(Args.strNotNull(f, a, 0).replace(' ', 'T'))
                        .toInstant(ZoneOffset.UTC);
            default:
                throw Args.noSuch(f, "Datetime", m, a);
        }
    }

    static Object instance(Frame f, Instant t, String m, List<Object> a) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        switch (m) {
            case "gettime":
                return t.toEpochMilli();
            case "adddays":
                return z.plusDays(Args.integer(f, a, 0)).toInstant();
            case "addhours":
                return z.plusHours(Args.integer(f, a, 0)).toInstant();
            case "addminutes":
                return z.plusMinutes(Args.integer(f, a, 0)).toInstant();
            case "addseconds":
                return z.plusSeconds(Args.integer(f, a, 0)).toInstant();
            case "addmonths":
                return z.plusMonths(Args.integer(f, a, 0)).toInstant();
            case "date":
            case "dategmt":
                return LocalDate.ofInstant(t, ZoneOffset.UTC);
            case "year":
            case "yeargmt":
                return z.getYear();
            case "month":
            case "monthgmt":
                return z.getMonthValue();
            case "day":
            case "daygmt":
                return z.getDayOfMonth();
            case "hour":
            case "hourgmt":
                return z.getHour();
            case "minute":
            case "minutegmt":
                return z.getMinute();
            case "second":
            case "secondgmt":
                return z.getSecond();
            case "format":
                return a.isEmpty()
                        ? Values.text(t)
                        : java.time.format.DateTimeFormatter.ofPattern(Args.strNotNull(f, a, 0))
                                .withZone(ZoneOffset.UTC)
                                .format(t);
            case "formatgmt":
                return java.time.format.DateTimeFormatter.ofPattern(Args.strNotNull(f, a, 0))
                        .withZone(ZoneOffset.UTC)
                        .format(t);
            default:
                throw Args.noSuch(f, "Datetime", m, a);
        }
    }
}
