package io.trace2train.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.io.AtomicFiles;
import io.trace2train.bench.ifeval.BenchJson;
import io.trace2train.engine.Engine;
import io.trace2train.engine.ExportSpec;
import io.trace2train.engine.Exports;
import io.trace2train.engine.RunSpec;
import io.trace2train.engine.export.ExportRun;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Export throughput and memory on a large run: a rollout folder of N records is generated once from real records
 * (a real rollout of the IFEval tasks in full_pcl on the GPT-4 answers, its manifest kept), each task's prompt and
 * each fork's output made distinct so de-duplication keeps them, then each format is exported from it (the
 * {@code export} command's use case, no filters, de-duplication on) after an untimed warm-up export of 100,000
 * records, timed, with the heap after garbage collections.
 */
public final class ExportBenchmark {

    private static final String RECORDS = "records.jsonl";
    private static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = BenchJson.MAPPER;

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
        Exports exports = engine.exports();
        for (String format : formats) {
            Path out = work.resolve(format + ".jsonl");
            // compiled code, not the JIT's warm-up, is what a long export runs on
            exports.export(ExportSpec.builder(format, out).run(warmUp).overwrite(true).build());
            ExportSpec timed = ExportSpec.builder(format, out).run(runFolder).overwrite(true).build();
            HeapPeaks.reset();
            long start = System.nanoTime();
            ExportRun.Summary summary = exports.export(timed).summary();
            double seconds = (System.nanoTime() - start) / 1e9;
            figures.add(new Figures(format, summary.records(), summary.tasks(), summary.rows(), seconds,
                    HeapPeaks.peak(), Runtime.getRuntime().maxMemory(), Files.size(out)));
            Files.delete(out);
        }
        return figures;
    }

    /**
     * The generated run of {@code records} records ({@code forks} per task) in {@code work}, written the first time
     * it is asked for; {@link SparkBenchmark} exports the same input.
     */
    public static Path generated(Engine engine, Path tasksFile, Path responses, Path work, long records, int forks)
            throws Exception {
        // v3: a real rollout's manifest and run id (v2 folders wrote their own manifest)
        Path runFolder = work.resolve("run-v3-" + records + "x" + forks);
        if (!Files.isRegularFile(runFolder.resolve(RECORDS)) || !Files.isRegularFile(runFolder.resolve(MANIFEST))) {
            generate(engine, tasksFile, responses, runFolder, records, forks);
        }
        return runFolder;
    }

    /**
     * Writes a rollout folder of {@code records} records, {@code forks} per task, from a real rollout of the tasks:
     * its manifest as it is, its records (each task's first fork) as templates.
     */
    private static void generate(Engine engine, Path tasksFile, Path responses, Path folder, long records, int forks)
            throws Exception {
        Path seedRun = folder.resolveSibling(folder.getFileName() + ".seed");
        deleteTree(seedRun);
        // one unit at a time: the records come in task order, so record i's template does not depend on scheduling
        engine.runs().start(seedRun, RunSpec.builder().tasks(tasksFile).mode("full_pcl").backend("replay")
                .backendOption("responses", responses.toString()).forks(forks, null, 0).concurrency(1).build());
        List<ObjectNode> templates = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(seedRun.resolve(RECORDS), StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                ObjectNode record = (ObjectNode) JSON.readTree(line);
                if (record.path("fork").path("index").asInt() == 0) {
                    templates.add(record);
                }
            }
        }
        Files.createDirectories(folder);
        Files.copy(seedRun.resolve(MANIFEST), folder.resolve(MANIFEST),
                StandardCopyOption.REPLACE_EXISTING);
        Path temporary = AtomicFiles.temporary(folder.resolve(RECORDS));
        try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            for (long i = 0; i < records; i++) {
                out.write(JSON.writeValueAsString(variant(templates, i, forks)));
                out.write('\n');
            }
        }
        AtomicFiles.publish(temporary, folder.resolve(RECORDS));
        deleteTree(seedRun);
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
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
        ObjectNode forkInfo = (ObjectNode) record.get("fork"); // the seed run's: its records are forks
        forkInfo.put("index", fork);
        forkInfo.put("forks", forks);
        return record;
    }
}
