package io.trace2train.engine.agent;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An episode's wall-time budget: at the deadline the episode's thread is interrupted, so a model call still running
 * stops (a local model checks after every token, an HTTP client on interrupt) and the loop ends the episode. Once
 * stopped, the clock interrupts nothing, and an interrupt it left is cleared.
 */
final class EpisodeClock implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "trace2train-episode-clock");
        thread.setDaemon(true);
        return thread;
    });

    private final Thread worker = Thread.currentThread();
    private final ScheduledFuture<?> alarm;
    private boolean stopped;
    private boolean expired;

    EpisodeClock(Duration wallTime) {
        this.alarm = TIMER.schedule(this::expire, wallTime.toNanos(), TimeUnit.NANOSECONDS);
    }

    private synchronized void expire() {
        if (!stopped) {
            expired = true;
            worker.interrupt();
        }
    }

    synchronized boolean expired() {
        return expired;
    }

    @Override
    public void close() {
        alarm.cancel(false);
        synchronized (this) {
            stopped = true;
            if (expired && worker == Thread.currentThread()) {
                Thread.interrupted();
            }
        }
    }
}
