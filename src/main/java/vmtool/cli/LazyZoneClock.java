package vmtool.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system clock in the system's time zone, which it looks up only when asked: {@code Clock.systemDefaultZone()}
 * reads the zone at once, and that loads the time-zone rules, ~40 classes, into every command's start-up, though
 * only watch's title and a JSON snapshot's time ever ask the clock (StartupPathTest counts them).
 */
final class LazyZoneClock extends Clock {
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
