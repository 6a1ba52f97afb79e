package io.trace2train.spark;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * Logs once how long the driver took from JVM start to its first Spark job: the job's start-up cost (session,
 * executors, the engine's classes), which a benchmark reads off the log ({@link #PREFIX}).
 */
final class StartupLog extends SparkListener {

    static final String PREFIX = "trace2train: first Spark job started after ";

    private final PrintStream err;
    private final AtomicBoolean logged = new AtomicBoolean();

    StartupLog(PrintStream err) {
        this.err = requireNonNull(err, "err");
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        if (logged.compareAndSet(false, true)) {
            err.println(PREFIX + ManagementFactory.getRuntimeMXBean().getUptime() + " ms of JVM uptime");
        }
    }
}
