package io.trace2train.bench.ifeval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.trace2train.engine.Engine;
import io.trace2train.engine.Verification;
import io.trace2train.api.io.AtomicFiles;
import io.trace2train.engine.io.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A benchmark's folder: {@code bench.json} (the settings it was started with, the dataset's digest, the sample's),
 * {@code sample.jsonl} (the sampled IFEval rows, the tasks file of every run), {@code runs/MODE-seedS/} (one normal,
 * resumable run folder per mode and seed), {@code timing.json} (each run's wall and model time, over sessions) and
 * the results.
 */
final class BenchFolder {

    static final String SETTINGS = "bench.json";
    static final String SAMPLE = "sample.jsonl";
    static final String TIMING = "timing.json";
    static final String RUNS = "runs";
    static final String FORMAT = "trace2train-bench-ifeval/v1";

    private final Path folder;
    private final Map<String, RunTiming> timings;

    private BenchFolder(Path folder, Map<String, RunTiming> timings) {
        this.folder = folder;
        this.timings = new TreeMap<>(timings);
    }

    /** @throws BadInputException when the folder already holds a benchmark (continue it with --resume) */
    static void checkNew(Path folder) {
        if (Files.exists(folder.resolve(SETTINGS)) || Files.exists(folder.resolve(RUNS))) {
            throw new BadInputException(folder + " already holds a benchmark: continue it with --resume, or"
                    + " choose another --out folder");
        }
    }

    /** Starts a benchmark in an empty or missing folder: writes the sample and the settings. */
    static BenchFolder create(Path folder, IfevalBenchSettings settings, Path dataset, Verification.Sample sample)
            throws IOException {
        checkNew(folder);
        Files.createDirectories(folder);
        AtomicFiles.write(folder.resolve(SAMPLE), w -> w.write(sample.rows()));
        ObjectNode saved = BenchJson.MAPPER.createObjectNode();
        saved.put("format", FORMAT);
        saved.put("created_at", Instant.now().toString());
        saved.put("engine_version", Engine.version());
        saved.set("settings", settings.json());
        ObjectNode data = saved.putObject("dataset");
        data.put("file", dataset.toAbsolutePath().toString());
        data.put("sha256", sample.datasetSha256());
        ObjectNode sampled = saved.putObject("sample");
        sampled.put("prompts", sample.prompts());
        sampled.put("sha256", sample.rowsSha256());
        AtomicFiles.write(folder.resolve(SETTINGS), w -> w.write(pretty(saved)));
        return new BenchFolder(folder, Map.of());
    }

    /**
     * Opens a benchmark to continue it, if it was started with the same settings, dataset and sample.
     *
     * @throws BadInputException when there is none, or it differs, saying how
     */
    static BenchFolder resume(Path folder, IfevalBenchSettings settings, Path dataset, Verification.Sample sample)
            throws IOException {
        String datasetSha256 = sample.datasetSha256();
        Path settingsFile = folder.resolve(SETTINGS);
        if (!Files.isRegularFile(settingsFile)) {
            throw new BadInputException(folder + " holds no benchmark to resume (no " + SETTINGS + "): run"
                    + " without --resume to start one");
        }
        JsonNode saved = BenchJson.MAPPER.readTree(settingsFile.toFile());
        List<String> differences = new ArrayList<>(settings.differencesFrom(saved.path("settings")));
        String savedDataset = saved.path("dataset").path("sha256").asText();
        if (!savedDataset.equals(datasetSha256)) {
            differences.add("dataset file: " + savedDataset + " there (" + saved.path("dataset").path("file").asText()
                    + "), " + datasetSha256 + " here (" + dataset.toAbsolutePath() + ")");
        }
        if (differences.isEmpty() && (!saved.path("sample").path("sha256").asText().equals(sample.rowsSha256())
                || !Files.isRegularFile(folder.resolve(SAMPLE))
                || !Arrays.equals(Files.readAllBytes(folder.resolve(SAMPLE)),
                        sample.rows().getBytes(StandardCharsets.UTF_8)))) {
            differences.add("the sampled prompts (" + folder.resolve(SAMPLE) + " differs from the sample these"
                    + " settings draw)");
        }
        if (!differences.isEmpty()) {
            throw new BadInputException("cannot resume the benchmark in " + folder + ": it was started with"
                    + " other settings (" + String.join("; ", differences) + "); resume with the options it was"
                    + " started with (its " + SETTINGS + " lists them), or start a new one in another --out folder");
        }
        Map<String, RunTiming> timings = new TreeMap<>();
        Path timingFile = folder.resolve(TIMING);
        if (Files.isRegularFile(timingFile)) {
            BenchJson.MAPPER.readTree(timingFile.toFile()).properties().forEach(e -> timings.put(e.getKey(),
                    BenchJson.MAPPER.convertValue(e.getValue(), RunTiming.class)));
        }
        return new BenchFolder(folder, timings);
    }

    /** A row's key as it was written: IFBench's as a string, IFEval's as an integer. */
    static JsonNode keyNode(String key, boolean textKey) {
        return textKey ? TextNode.valueOf(key) : BigIntegerNode.valueOf(new java.math.BigInteger(key));
    }

    Path sample() {
        return folder.resolve(SAMPLE);
    }

    Path run(String name) {
        return folder.resolve(RUNS).resolve(name);
    }

    synchronized RunTiming timing(String run) {
        return timings.getOrDefault(run, RunTiming.NONE);
    }

    /** Adds a session's time to a run's, and saves every run's time at once. */
    synchronized void addTiming(String run, RunTiming session) throws IOException {
        timings.merge(run, session, RunTiming::plus);
        String json = BenchJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(timings);
        AtomicFiles.write(folder.resolve(TIMING), w -> w.write(json + "\n"));
    }

    private static String pretty(JsonNode node) throws IOException {
        return BenchJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    }
}
