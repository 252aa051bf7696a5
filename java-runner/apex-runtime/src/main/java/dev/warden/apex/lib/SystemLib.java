package dev.warden.apex.lib;

import dev.warden.apex.exec.Frame;
import dev.warden.apex.value.EnumValue;
import dev.warden.apex.value.Values;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** System: debug, now/today, the classic assert methods. */
final class SystemLib implements Builtin {
  @Override
  public String name() {
    return "System";
  }

  @Override
  public Set<String> statics() {
    return Set.of("debug", "now", "today", "assert", "assertequals", "assertnotequals", "currenttimemillis",
        "isbatch", "isfuture", "isqueueable", "isscheduled");
  }

  @Override
  public Object call(Frame f, String m, List<Object> a) {
    switch (m) {
      case "debug":
        if (a.size() == 2 && a.get(0) instanceof EnumValue level) {
          f.tx.debug(level.name(), dev.warden.apex.exec.Arithmetic.text(f, a.get(1)));
        } else {
          f.tx.debug("DEBUG", dev.warden.apex.exec.Arithmetic.text(f, a.get(0)));
        }
        return null;
      case "now":
        return Instant.now(f.tx.host.clock()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      case "today":
        return LocalDate.ofInstant(Instant.now(f.tx.host.clock()), ZoneOffset.UTC);
      case "currenttimemillis":
        return f.tx.host.clock().millis();
      case "assert":
        return AssertLib.check(f, Args.bool(f, a, 0), null, Args.arg(a, 1));
      case "assertequals":
        return AssertLib.equalsCheck(f, a.get(0), a.get(1), Args.arg(a, 2), true);
      case "assertnotequals":
        return AssertLib.equalsCheck(f, a.get(0), a.get(1), Args.arg(a, 2), false);
      case "isbatch":
      case "isfuture":
      case "isqueueable":
      case "isscheduled":
        return false;
      default:
        throw Args.noSuch(f, "System", m, a);
    }
  }
}
