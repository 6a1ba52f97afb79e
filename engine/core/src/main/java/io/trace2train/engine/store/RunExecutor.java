package io.trace2train.engine.store;

import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.run.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the tasks that have no record yet on a bounded pool, appending each record as soon as its task finishes. One
 * task's failure is in its record and the run goes on; a task whose runner crashes (a bug) is reported and the run
 * goes on too, ending with a failure status.
 */
public final class RunExecutor {

    /** Told about every finished task, from the worker threads. */
    @FunctionalInterface
    public interface Progress {
        void finished(ComplianceRecord record);
    }

    /**
     * What a run did.
     *
     * @param tasks tasks in the file
     * @param skipped tasks that already had a record (resume)
     * @param passed tasks run now whose record passes
     * @param failed tasks run now whose record fails (errors included)
     * @param crashed tasks whose runner threw, with their messages
     * @param elapsedMillis wall time
     */
    public record Summary(int tasks, int skipped, int passed, int failed, List<String> crashed, long elapsedMillis) {

        public Summary {
            crashed = List.copyOf(crashed);
        }
    }

    private RunExecutor() {
    }

    public static Summary run(List<TaskSpec> tasks, Set<String> finished, String runId, TaskRunner runner,
            RecordSink sink, int concurrency, Progress progress) throws InterruptedException {
        long start = System.nanoTime();
        AtomicInteger passed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<String> crashed = java.util.Collections.synchronizedList(new ArrayList<>());
        List<TaskSpec> todo = tasks.stream().filter(t -> !finished.contains(t.id())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrency),
                Thread.ofPlatform().name("task-", 0).daemon().factory());
        try {
            for (TaskSpec task : todo) {
                pool.execute(() -> {
                    try {
                        ComplianceRecord record = runner.run(runId, task);
                        sink.append(record);
                        (record.passed() ? passed : failed).incrementAndGet();
                        progress.finished(record);
                    } catch (RuntimeException e) {
                        crashed.add("task " + task.id() + ": " + e);
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                // keep waiting: tasks bound their own time
            }
        } finally {
            pool.shutdownNow();
        }
        return new Summary(tasks.size(), tasks.size() - todo.size(), passed.get(), failed.get(), crashed,
                (System.nanoTime() - start) / 1_000_000);
    }
}
