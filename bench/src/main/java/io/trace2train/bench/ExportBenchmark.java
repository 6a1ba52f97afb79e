package io.trace2train.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.export.Exporter;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineVersion;
import io.trace2train.engine.export.ExportFilters;
import io.trace2train.engine.export.ExportRun;
import io.trace2train.engine.io.AtomicFiles;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.run.ComplianceRunner;
import io.trace2train.engine.run.Mode;
import io.trace2train.engine.run.RunSettings;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.engine.store.RunManifest;
import io.trace2train.engine.task.TaskLoader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Export throughput and memory on a large run: a rollout folder of N records is generated once from real records
 * (the IFEval tasks run in full_pcl on the GPT-4 answers), each task's prompt and each fork's output made distinct so
 * de-duplication keeps them, then each format is exported from it after an untimed warm-up export of 100,000 records,
 * timed, with the heap after garbage collections.
 */
public final class ExportBenchmark {

    /** The generated run's id, in its manifest and every record (export checks they match). */
    private static final String RUN_ID = "bench-export";

    /** Figures of one format's export. */
    public record Figures(String format, long records, long tasks, long rows, double seconds, long peakHeapBytes,
            long maxHeapBytes, long fileBytes) {

        public String describe() {
            return String.format(Locale.ROOT, "%-8s %,d records (%,d tasks) -> %,d rows (%.0f MiB) in %.1f s ="
                            + " %,.0f rows/s, %,.0f records/s; heap after GC at most %.0f MiB (max heap %.0f MiB)", format,
                    records, tasks, rows, fileBytes / 1048576.0, seconds, rows / seconds, records / seconds,
                    peakHeapBytes / 1048576.0, maxHeapBytes / 1048576.0);
        }
    }

    /** Records of the untimed export before each timed one. */
    private static final long WARM_UP_RECORDS = 100_000;

    private ExportBenchmark() {
    }

    public static List<Figures> run(Engine engine, Path tasksFile, Path responses, Path work, long records, int forks,
            List<String> formats) throws Exception {
        Path runFolder = generated(engine, tasksFile, responses, work, records, forks);
        Path warmUp = generated(engine, tasksFile, responses, work, WARM_UP_RECORDS, forks);
        List<Figures> figures = new ArrayList<>();
        for (String format : formats) {
            Exporter exporter = engine.exporters().create(format, null, Map.of());
            Path out = work.resolve(format + ".jsonl");
            // compiled code, not the JIT's warm-up, is what a long export runs on
            new ExportRun(engine.exporters().factory(format), exporter, ExportFilters.none()).export(warmUp, out);
            HeapPeaks.reset();
            long start = System.nanoTime();
            ExportRun.Summary summary = new ExportRun(engine.exporters().factory(format), exporter,
                    ExportFilters.none()).export(runFolder, out);
            double seconds = (System.nanoTime() - start) / 1e9;
            figures.add(new Figures(format, summary.records(), summary.tasks(), summary.rows(), seconds,
                    HeapPeaks.peak(), Runtime.getRuntime().maxMemory(), Files.size(out)));
            Files.delete(out);
        }
        return figures;
    }

    /** The generated run of {@code records} records in {@code work}, written the first time it is asked for. */
    private static Path generated(Engine engine, Path tasksFile, Path responses, Path work, long records, int forks)
            throws Exception {
        // v2: records carry the manifest's run id (folders generated before did not, and export refuses them)
        Path runFolder = work.resolve("run-v2-" + records + "x" + forks);
        if (!Files.isRegularFile(runFolder.resolve(RunDirectory.RECORDS))
                || !Files.isRegularFile(runFolder.resolve(RunDirectory.MANIFEST))) {
            generate(engine, tasksFile, responses, runFolder, records, forks);
        }
        return runFolder;
    }

    /** Writes a rollout folder of {@code records} records, {@code forks} per task, from real records. */
    private static void generate(Engine engine, Path tasksFile, Path responses, Path folder, long records, int forks)
            throws Exception {
        List<TaskSpec> tasks = new TaskLoader(engine.verifiers()).load(tasksFile);
        List<ObjectNode> templates = new ArrayList<>();
        ObjectMapper mapper = RecordJson.mapper();
        try (ModelBackend backend = engine.backends().create("replay", Map.of("responses", responses.toString()))) {
            ComplianceRunner runner = new ComplianceRunner(RunSettings.of(Mode.FULL_PCL, GenerationSettings.defaults()),
                    backend, engine.verifiers(), engine.repairStrategies(), new SimpleMeterRegistry());
            for (TaskSpec task : tasks) {
                ComplianceRecord record = runner.run(RUN_ID, task);
                templates.add(mapper.valueToTree(record));
            }
        }
        Files.createDirectories(folder);
        RunManifest manifest = new RunManifest(RUN_ID, java.time.Instant.now().toString(), "full_pcl",
                "replay", Map.of("responses", responses.toString()), GenerationSettings.defaults(), 3, 3,
                tasksFile.toString(), "sha256:generated", EngineVersion.current(), "constraint_share",
                new RunManifest.RolloutManifest(forks, "0.7", 0, 0), null);
        AtomicFiles.write(folder.resolve(RunDirectory.MANIFEST),
                w -> w.write(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(manifest)));
        Path temporary = folder.resolve(RunDirectory.RECORDS + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            for (long i = 0; i < records; i++) {
                out.write(mapper.writeValueAsString(variant(templates, i, forks)));
                out.write('\n');
            }
        }
        AtomicFiles.publish(temporary, folder.resolve(RunDirectory.RECORDS));
    }

    /** Record i: task i / forks (its own prompt), fork i % forks (its own output), from a real record. */
    private static ObjectNode variant(List<ObjectNode> templates, long i, int forks) throws IOException {
        long task = i / forks;
        int fork = (int) (i % forks);
        ObjectNode record = templates.get((int) (task % templates.size())).deepCopy();
        record.put("record_id", "bench-" + i);
        record.put("task_id", "t" + task);
        ObjectNode message = (ObjectNode) record.get("prompt_messages").get(0);
        message.put("content", message.get("content").textValue() + " [task " + task + "]");
        String suffix = fork == 0 ? "" : " [fork " + fork + "]";
        record.put("final_output", record.get("final_output").textValue() + suffix);
        record.get("attempts").forEach(a -> ((ObjectNode) a).put("output", a.get("output").textValue() + suffix));
        ObjectNode forkInfo = record.putObject("fork");
        forkInfo.put("index", fork);
        forkInfo.put("forks", forks);
        return record;
    }
}
