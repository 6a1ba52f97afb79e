package io.trace2train.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.Engine;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.record.RecordSchema;
import io.trace2train.engine.run.ComplianceRunner;
import io.trace2train.engine.run.Mode;
import io.trace2train.engine.run.RunSettings;
import io.trace2train.engine.task.TaskLoader;
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
        List<TaskSpec> tasks = new TaskLoader(engine.verifiers()).load(tasksFile);
        try (ModelBackend backend = engine.backends().create("replay", Map.of("responses", responses.toString()))) {
            ComplianceRunner runner = new ComplianceRunner(RunSettings.of(mode, GenerationSettings.defaults()), backend,
                    engine.verifiers(), engine.repairStrategies(), new SimpleMeterRegistry());
            pass(runner, tasks, 1, threads); // warm-up: one pass, so the figure is the steady state
            HeapPeaks.reset();
            long start = System.nanoTime();
            long passed = pass(runner, tasks, repetitions, threads);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Figures(mode, tasks.size() * repetitions, threads, seconds, passed, HeapPeaks.peak(),
                    Runtime.getRuntime().maxMemory());
        }
    }

    private static long pass(ComplianceRunner runner, List<TaskSpec> tasks, int repetitions, int threads)
            throws Exception {
        AtomicLong passed = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int r = 0; r < repetitions; r++) {
                for (TaskSpec task : tasks) {
                    futures.add(pool.submit(() -> {
                        ComplianceRecord record = runner.run("bench", task);
                        RecordSchema.check(record);
                        bytes.addAndGet(RecordJson.write(record).length());
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
