package io.trace2train.engine.store;

import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.engine.run.Cancellation;
import io.trace2train.engine.run.TaskRunner;
import io.trace2train.engine.run.WorkUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the units (tasks, or forks of tasks) that have no record yet on one bounded pool, appending each record as
 * soon as its unit finishes. A unit past its timeout is cancelled and its record says so; with an early stop, once
 * enough forks of a task passed, its forks not yet started are skipped and its running ones cancelled. One unit's
 * failure is in its record and the run goes on; a unit whose runner crashes (a bug) is reported and the run goes on
 * too, ending with a failure status.
 */
public final class RunExecutor {

    /** Told about every finished unit, from the worker threads. */
    @FunctionalInterface
    public interface Progress {
        void finished(ComplianceRecord record);

        /** A unit not run because enough forks of its task passed (early stop). */
        default void skipped(WorkUnit unit) {
        }
    }

    /**
     * How units are run.
     *
     * @param concurrency units run at once
     * @param timeout a unit's wall-time limit, or null for none
     * @param stopAfterPasses stop a task's forks once this many passed; 0 never stops early
     */
    public record Limits(int concurrency, Duration timeout, int stopAfterPasses) {

        public Limits {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
            }
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("a timeout must be positive, got " + timeout);
            }
            if (stopAfterPasses < 0) {
                throw new IllegalArgumentException("an early stop must be 0 (none) or more, got " + stopAfterPasses);
            }
        }

        public static Limits of(int concurrency) {
            return new Limits(Math.max(1, concurrency), null, 0);
        }
    }

    /**
     * What a run did.
     *
     * @param units units in the run
     * @param skipped units that already had a record (resume)
     * @param stoppedEarly units not run because enough forks of their task had passed
     * @param passed units run now whose record passes
     * @param failed units run now whose record fails (errors, timeouts and cancels included)
     * @param crashed units whose runner threw, with their messages
     * @param elapsedMillis wall time
     */
    public record Summary(int units, int skipped, int stoppedEarly, int passed, int failed, List<String> crashed,
            long elapsedMillis) {

        public Summary {
            crashed = List.copyOf(crashed);
        }
    }

    private RunExecutor() {
    }

    /**
     * @param finished keys ({@link WorkUnit#key()}) of units that already have a record
     * @param passedByTask passing records already written, by task id (for the early stop)
     * @throws RecordSink.WriteFailedException when the records file could not be written; the run stopped there
     */
    public static Summary run(List<WorkUnit> units, Set<String> finished, Map<String, Integer> passedByTask,
            String runId, TaskRunner runner, RecordSink sink, Limits limits, Progress progress)
            throws InterruptedException {
        long start = System.nanoTime();
        AtomicInteger passed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger stopped = new AtomicInteger();
        List<String> crashed = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> passes = new ConcurrentHashMap<>();
        passedByTask.forEach((task, count) -> passes.put(task, new AtomicInteger(count)));
        Map<String, Set<Cancellation>> running = new ConcurrentHashMap<>();
        List<WorkUnit> todo = units.stream().filter(u -> !finished.contains(u.key())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(limits.concurrency(),
                Thread.ofPlatform().name("unit-", 0).daemon().factory());
        ScheduledExecutorService watchdog = limits.timeout() == null ? null
                : Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("unit-watchdog").daemon()
                        .factory());
        // a records file that cannot be written (a full disk) stops the run: said once, not once per unit
        AtomicReference<RecordSink.WriteFailedException> writeFailure = new AtomicReference<>();
        try {
            for (WorkUnit unit : todo) {
                if (writeFailure.get() != null) {
                    break;
                }
                String taskId = unit.task().id();
                pool.execute(() -> {
                    if (enoughPassed(limits, passes, taskId)) {
                        stopped.incrementAndGet();
                        progress.skipped(unit);
                        return;
                    }
                    Cancellation cancellation = new Cancellation();
                    Set<Cancellation> ofTask = running.computeIfAbsent(taskId, t -> ConcurrentHashMap.newKeySet());
                    ofTask.add(cancellation);
                    ScheduledFuture<?> timer = watchdog == null ? null : watchdog.schedule(
                            () -> cancellation.cancel(new Cancellation.Reason("timeout", "stopped after the "
                                    + limits.timeout().toSeconds() + " s timeout")),
                            limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
                    try {
                        ComplianceRecord record = runner.run(runId, unit, cancellation);
                        sink.append(record);
                        (record.passed() ? passed : failed).incrementAndGet();
                        if (record.passed() && limits.stopAfterPasses() > 0 && passes.computeIfAbsent(taskId,
                                t -> new AtomicInteger()).incrementAndGet() >= limits.stopAfterPasses()) {
                            ofTask.forEach(other -> other.cancel(new Cancellation.Reason("cancelled",
                                    limits.stopAfterPasses() + " forks of task " + taskId + " passed (early stop)")));
                        }
                        progress.finished(record);
                    } catch (RecordSink.WriteFailedException e) {
                        if (writeFailure.compareAndSet(null, e)) {
                            pool.shutdownNow();
                        }
                    } catch (RuntimeException e) {
                        crashed.add("unit " + unit.key() + ": " + e);
                    } finally {
                        if (timer != null) {
                            timer.cancel(false);
                        }
                        ofTask.remove(cancellation);
                    }
                });
            }
        } catch (RejectedExecutionException e) {
            // the pool was stopped by a write failure, thrown below
        }
        try {
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                // keep waiting: units bound their own time
            }
        } finally {
            pool.shutdownNow();
            if (watchdog != null) {
                watchdog.shutdownNow();
            }
        }
        if (writeFailure.get() != null) {
            throw writeFailure.get();
        }
        return new Summary(units.size(), units.size() - todo.size(), stopped.get(), passed.get(), failed.get(),
                crashed, (System.nanoTime() - start) / 1_000_000);
    }

    private static boolean enoughPassed(Limits limits, Map<String, AtomicInteger> passes, String taskId) {
        if (limits.stopAfterPasses() == 0) {
            return false;
        }
        AtomicInteger count = passes.get(taskId);
        return count != null && count.get() >= limits.stopAfterPasses();
    }
}
