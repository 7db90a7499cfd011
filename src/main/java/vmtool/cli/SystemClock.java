package vmtool.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system clock in the machine's time zone, which is looked up only when asked. {@code Clock.systemDefaultZone()}
 * looks it up when made, for every run: /etc/localtime and the JDK's zone rules through a ServiceLoader, ~100
 * classes and milliseconds of a short pmap that never reads the clock (docs/performance.md).
 */
final class SystemClock extends Clock {
    private ZoneId zone;

    @Override
    public ZoneId getZone() {
        if (zone == null) {
            zone = ZoneId.systemDefault();
        }
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return Clock.system(other);
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }
}
