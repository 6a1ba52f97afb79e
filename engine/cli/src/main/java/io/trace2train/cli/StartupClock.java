package io.trace2train.cli;

/**
 * Where a short command spends its time, for tuning start-up: with {@code -Dtrace2train.startup.timing=true} each
 * phase's end is printed to stderr, in milliseconds since the JVM started (its uptime, read without the management
 * classes, which would add their own loading to what is measured).
 */
final class StartupClock {

    private static final boolean ON = Boolean.getBoolean("trace2train.startup.timing");
    private static final long START_MILLIS = ProcessHandle.current().info().startInstant()
            .map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis());

    private StartupClock() {
    }

    /** Prints "{@code phase} at N ms" when timing is on; does nothing otherwise. */
    static void mark(String phase) {
        if (ON) {
            System.err.printf("trace2train: startup %s at %d ms%n", phase, System.currentTimeMillis() - START_MILLIS);
        }
    }
}
