package io.trace2train.engine.store;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ErrorKind;
import io.trace2train.api.record.RunError;
import io.trace2train.engine.run.Cancellation;
import io.trace2train.engine.run.TaskRunner;
import io.trace2train.engine.run.WorkUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the units (tasks, or forks of tasks) that have no record yet, at most {@code concurrency} at once, appending
 * each record as soon as its unit finishes. Units are taken from their source only as slots free up, so a run of a
 * million tasks holds a few units in memory, not a million.
 *
 * <p>Every unit has a deadline. Past it the unit is cancelled (interrupted: built-in work stops at its next step);
 * a unit still running a grace period later (a plugin spinning without looking at interrupts: Java cannot stop a
 * thread) is abandoned: its record says {@code timeout}, its slot goes to the next unit, and whatever its thread
 * returns later is dropped. Abandoned threads still burn a core each, so past {@link Limits#abandonedCap()} of them
 * the run takes no new unit, lets the running ones finish and ends with {@link Summary#stopped()} set; the folder
 * stays resumable.
 *
 * <p>Every unit ends with a record, whatever a plugin throws: a runner that throws (a bug, or a Java {@code Error})
 * gets an error record of kind {@link ErrorKind#CRASH}, listed in {@link Summary#crashed()} as is a unit whose own
 * record has that kind. Out of memory is the run's failure too: the unit gets its record, no further unit starts, and
 * {@link #run} throws the error once the running units ended (every record written is whole: the folder resumes). With an early stop, once enough
 * forks of a task passed, its forks not yet started are skipped and its running ones cancelled.
 */
public final class RunExecutor {

    /** A unit's deadline when none is given: long enough for a slow local model, short of forever. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

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
     * @param timeout a unit's wall-time limit; null for {@link #DEFAULT_TIMEOUT}
     * @param stopAfterPasses stop a task's forks once this many passed; 0 never stops early
     */
    public record Limits(int concurrency, Duration timeout, int stopAfterPasses) {

        public Limits {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
            }
            if (timeout == null) {
                timeout = DEFAULT_TIMEOUT;
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a timeout must be positive, got " + timeout);
            }
            if (stopAfterPasses < 0) {
                throw new IllegalArgumentException("an early stop must be 0 (none) or more, got " + stopAfterPasses);
            }
        }

        public static Limits of(int concurrency) {
            return new Limits(Math.max(1, concurrency), null, 0);
        }

        /** How long a cancelled unit has to stop before it is abandoned: its timeout, at most 5 s. */
        Duration grace() {
            Duration most = Duration.ofSeconds(5);
            return timeout.compareTo(most) < 0 ? timeout : most;
        }

        /** Abandoned threads still running past which the run stops: twice the concurrency. */
        public int abandonedCap() {
            return 2 * concurrency;
        }
    }

    /**
     * What a run did.
     *
     * @param units units in the run (those taken from the source; fewer than all when the run stopped)
     * @param skipped units that already had a record (resume)
     * @param stoppedEarly units not run because enough forks of their task had passed
     * @param passed units run now whose record passes
     * @param failed units run now whose record fails (errors, timeouts, cancels and crashes included)
     * @param crashed units whose runner threw or hit a Java {@code Error}, with their messages
     * @param abandoned units whose thread did not stop after their timeout
     * @param stopped why the run stopped before its last unit, or null when it ran them all
     * @param elapsedMillis wall time
     */
    public record Summary(int units, int skipped, int stoppedEarly, int passed, int failed, List<String> crashed,
            int abandoned, String stopped, long elapsedMillis) {

        public Summary {
            crashed = List.copyOf(crashed);
        }
    }

    private RunExecutor() {
    }

    /**
     * @param units the run's units in order, read as slots free up (a list, or a stream over the tasks file)
     * @param finished keys ({@link WorkUnit#key()}) of units that already have a record
     * @param passedByTask passing records already written, by task id (for the early stop)
     * @throws RecordSink.WriteFailedException when the records file could not be written; the run stopped there
     */
    public static Summary run(Iterable<WorkUnit> units, Set<String> finished, Map<String, Integer> passedByTask,
            String runId, TaskRunner runner, RecordSink sink, Limits limits, Progress progress)
            throws InterruptedException {
        return new Execution(finished, passedByTask, runId, runner, sink, limits, progress).run(units);
    }

    /** One call of {@link #run}: its counters, its slots and its threads. */
    private static final class Execution {

        private final Set<String> finished;
        private final String runId;
        private final TaskRunner runner;
        private final RecordSink sink;
        private final Limits limits;
        private final Progress progress;

        private final AtomicInteger passed = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicInteger stoppedEarly = new AtomicInteger();
        private final AtomicInteger abandoned = new AtomicInteger();
        /** Abandoned threads not yet returned: each one is a core spinning. */
        private final AtomicInteger stuck = new AtomicInteger();
        private final List<String> crashed = Collections.synchronizedList(new ArrayList<>());
        private final AtomicReference<String> stopped = new AtomicReference<>();
        /** A failure to write a record (disk, memory): no later record could be written either. */
        private final AtomicReference<Throwable> fatal = new AtomicReference<>();
        private final Map<String, AtomicInteger> passes = new ConcurrentHashMap<>();
        /** The running units of each task with some running, for the early stop; emptied as they end. */
        private final Map<String, Set<Cancellation>> running = new ConcurrentHashMap<>();
        private final Semaphore slots;
        private final ExecutorService threads;
        private final ScheduledExecutorService watchdog;

        Execution(Set<String> finished, Map<String, Integer> passedByTask, String runId, TaskRunner runner,
                RecordSink sink, Limits limits, Progress progress) {
            this.finished = requireNonNull(finished, "finished");
            this.runId = requireNonNull(runId, "runId");
            this.runner = requireNonNull(runner, "runner");
            this.sink = requireNonNull(sink, "sink");
            this.limits = requireNonNull(limits, "limits");
            this.progress = requireNonNull(progress, "progress");
            if (limits.stopAfterPasses() > 0) {
                passedByTask.forEach((task, count) -> passes.put(task, new AtomicInteger(count)));
            }
            this.slots = new Semaphore(limits.concurrency());
            // a thread per running unit, reused once its unit ends; an abandoned one is replaced, not waited for
            this.threads = Executors.newCachedThreadPool(Thread.ofPlatform().name("unit-", 0).daemon().factory());
            this.watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("unit-watchdog")
                    .daemon().factory());
        }

        Summary run(Iterable<WorkUnit> units) throws InterruptedException {
            long start = System.nanoTime();
            int taken = 0;
            int skipped = 0;
            try {
                for (WorkUnit unit : units) {
                    if (stopped.get() != null) {
                        break;
                    }
                    taken++;
                    if (finished.contains(unit.key())) {
                        skipped++;
                        continue;
                    }
                    if (!takeSlot()) {
                        taken--;
                        break;
                    }
                    Slot slot = new Slot(unit);
                    threads.execute(slot::run);
                }
                // every slot back: each running unit ended, or was abandoned past its deadline
                slots.acquire(limits.concurrency());
            } finally {
                threads.shutdown();
                watchdog.shutdownNow();
            }
            Throwable broke = fatal.get();
            if (broke instanceof Error error) {
                throw error;
            }
            if (broke != null) {
                throw (RuntimeException) broke;
            }
            return new Summary(taken, skipped, stoppedEarly.get(), passed.get(), failed.get(), crashed,
                    abandoned.get(), stopped.get(), (System.nanoTime() - start) / 1_000_000);
        }

        /** Waits for a free slot; false when the run stopped meanwhile. */
        private boolean takeSlot() throws InterruptedException {
            while (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (stopped.get() != null) {
                    return false;
                }
            }
            if (stopped.get() != null) {
                slots.release();
                return false;
            }
            return true;
        }

        private void stop(String why) {
            stopped.compareAndSet(null, why);
        }

        /** A unit holding a slot: run on a pool thread, ended by its record or by the watchdog, whichever is first. */
        private final class Slot {

            private final WorkUnit unit;
            private final Cancellation cancellation = new Cancellation();
            /** Set by whoever ends the unit: its thread with the runner's record, or the watchdog abandoning it. */
            private final AtomicBoolean settled = new AtomicBoolean();

            Slot(WorkUnit unit) {
                this.unit = unit;
            }

            void run() {
                String taskId = unit.task().id();
                if (enoughPassed(taskId)) {
                    settled.set(true);
                    stoppedEarly.incrementAndGet();
                    slots.release();
                    progress.skipped(unit);
                    return;
                }
                running.computeIfAbsent(taskId, t -> ConcurrentHashMap.newKeySet()).add(cancellation);
                var timer = watchdog.schedule(this::timedOut, limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
                ComplianceRecord record;
                OutOfMemoryError outOfMemory = null;
                try {
                    record = runner.run(runId, unit, cancellation);
                } catch (OutOfMemoryError e) {
                    outOfMemory = e;
                    record = crashRecord(e);
                } catch (Throwable e) {
                    record = crashRecord(e);
                } finally {
                    timer.cancel(false);
                    running.computeIfPresent(taskId, (t, set) -> {
                        set.remove(cancellation);
                        return set.isEmpty() ? null : set;
                    });
                }
                if (!settled.compareAndSet(false, true)) {
                    // abandoned meanwhile: its timeout record is written and its slot given away
                    stuck.decrementAndGet();
                    return;
                }
                try {
                    write(record);
                    if (outOfMemory != null) {
                        // the unit has its record; the heap is what failed, so no further unit starts
                        fatal.compareAndSet(null, outOfMemory);
                        stop("out of memory");
                    }
                    if (record.passed() && limits.stopAfterPasses() > 0 && passes.computeIfAbsent(taskId,
                            t -> new AtomicInteger()).incrementAndGet() >= limits.stopAfterPasses()) {
                        cancelOthers(taskId);
                    }
                } finally {
                    slots.release();
                }
            }

            private ComplianceRecord crashRecord(Throwable e) {
                return runner.failed(runId, unit, new RunError(ErrorKind.CRASH.json(), "the unit's run threw " + e,
                        cancellation.stage()));
            }

            /** The deadline: cancel, and give the unit a grace period to stop before abandoning it. */
            private void timedOut() {
                cancellation.cancel(new Cancellation.Reason(ErrorKind.TIMEOUT, "stopped after the "
                        + seconds(limits.timeout()) + " timeout"));
                watchdog.schedule(this::abandon, limits.grace().toMillis(), TimeUnit.MILLISECONDS);
            }

            private void abandon() {
                if (!settled.compareAndSet(false, true)) {
                    return;
                }
                abandoned.incrementAndGet();
                int spinning = stuck.incrementAndGet();
                if (spinning > limits.abandonedCap()) {
                    // before the slot is given back, so no further unit takes it
                    stop(spinning + " units did not stop after their " + seconds(limits.timeout())
                            + " timeout and their threads still run (more than " + limits.abandonedCap()
                            + ", twice the concurrency): a check or plugin ignores interruption; the run stopped"
                            + " taking new units and can be resumed once that is fixed");
                }
                try {
                    write(runner.failed(runId, unit, new RunError(ErrorKind.TIMEOUT.json(), "did not stop within "
                            + seconds(limits.grace()) + " of its " + seconds(limits.timeout()) + " timeout (stuck in "
                            + cancellation.stage() + ", in code that ignores interruption); its thread was abandoned",
                            cancellation.stage())));
                } finally {
                    slots.release();
                }
            }
        }

        /** Appends a record and counts it; a record that cannot be written stops the run. */
        private void write(ComplianceRecord record) {
            try {
                sink.append(record);
            } catch (Throwable e) {
                fatal.compareAndSet(null, e);
                stop("a record could not be written: " + e);
                return;
            }
            (record.passed() ? passed : failed).incrementAndGet();
            if (record.error() != null && ErrorKind.CRASH.is(record.error().kind())) {
                crashed.add("unit " + unitKey(record) + ": " + record.error().message());
            }
            progress.finished(record);
        }

        private void cancelOthers(String taskId) {
            Set<Cancellation> ofTask = running.get(taskId);
            if (ofTask != null) {
                ofTask.forEach(other -> other.cancel(new Cancellation.Reason(ErrorKind.CANCELLED,
                        limits.stopAfterPasses() + " forks of task " + taskId + " passed (early stop)")));
            }
        }

        private boolean enoughPassed(String taskId) {
            if (limits.stopAfterPasses() == 0) {
                return false;
            }
            AtomicInteger count = passes.get(taskId);
            return count != null && count.get() >= limits.stopAfterPasses();
        }
    }

    private static String unitKey(ComplianceRecord record) {
        return WorkUnit.key(record.taskId(), record.fork() == null ? null : record.fork().index());
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
