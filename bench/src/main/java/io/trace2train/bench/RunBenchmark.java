package io.trace2train.bench;

import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.Engine;
import io.trace2train.engine.RecordFiles;
import io.trace2train.engine.RunSpec;
import io.trace2train.engine.Runs;
import io.trace2train.engine.run.Mode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's own cost per task: every task run with recorded answers (no model time), verified, repaired in the
 * mode asked, validated against the record schema and serialized, as a run does before appending. The file append
 * itself (an fsync per record) is a disk figure, not the engine's, and is left out.
 */
public final class RunBenchmark {

    /** Figures of one benchmark run. */
    public record Figures(Mode mode, int tasks, int threads, double seconds, long passed, long peakHeapBytes,
            long maxHeapBytes) {

        public String describe() {
            return String.format(Locale.ROOT, "%s: %d tasks on %d threads in %.2f s = %.0f tasks/s (%d passed);"
                            + " heap after GC at most %.0f MiB (max heap %.0f MiB)", mode.json(), tasks, threads, seconds,
                    tasks / seconds, passed, peakHeapBytes / 1048576.0, maxHeapBytes / 1048576.0);
        }
    }

    private RunBenchmark() {
    }

    public static Figures run(Engine engine, Path tasksFile, Path responses, Mode mode, int repetitions, int threads)
            throws Exception {
        List<TaskSpec> tasks = engine.runs().tasks(tasksFile);
        try (ModelBackend backend = engine.backends().create("replay", Map.of("responses", responses.toString()))) {
            // the run command's defaults: sampling, 3 retries, 3 rounds, constraint_share reward
            Runs.Runner runner = engine.runs().runner(RunSpec.builder().mode(mode.json()).model(backend).build());
            pass(runner, tasks, 1, threads); // warm-up: one pass, so the figure is the steady state
            HeapPeaks.reset();
            long start = System.nanoTime();
            long passed = pass(runner, tasks, repetitions, threads);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Figures(mode, tasks.size() * repetitions, threads, seconds, passed, HeapPeaks.peak(),
                    Runtime.getRuntime().maxMemory());
        }
    }

    private static long pass(Runs.Runner runner, List<TaskSpec> tasks, int repetitions, int threads)
            throws Exception {
        AtomicLong passed = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int r = 0; r < repetitions; r++) {
                for (TaskSpec task : tasks) {
                    futures.add(pool.submit(() -> {
                        ComplianceRecord record = runner.run("bench", task);
                        bytes.addAndGet(RecordFiles.line(record).length());
                        if (record.passed()) {
                            passed.incrementAndGet();
                        }
                    }));
                }
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        return passed.get();
    }
}
