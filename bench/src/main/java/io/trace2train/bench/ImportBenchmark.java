package io.trace2train.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.engine.Engine;
import io.trace2train.engine.Examples;
import io.trace2train.engine.ImportResult;
import io.trace2train.engine.ImportSpec;
import io.trace2train.environments.tau.airline.TauAirlineEnvironment;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Import throughput on a large agent log: the 200 shipped τ-bench episodes repeated {@code copies} times (each copy's
 * tasks renumbered, so every copy is 50 new tasks of 4 forks), imported in τ-bench's format: each episode parsed,
 * replayed in {@code tau-airline} with its logged results compared, every constraint judged ({@code env:state_matches}
 * replaying the expected actions on a fresh environment), the state reward computed, the record written, the forks
 * ranked. Timed after an untimed import of the 200; with the heap after garbage collections and what the
 * environments copied.
 */
public final class ImportBenchmark {

    /** Figures of the timed import. */
    public record Figures(int episodes, int passed, int resultsCompared, int resultsDiffering, double seconds,
            long peakHeapBytes, long maxHeapBytes, TauAirlineEnvironment.Copies copies) {

        public String describe() {
            return String.format(Locale.ROOT, "import  %,d episodes (%,d pass; %,d tool results compared, %,d differ)"
                            + " in %.1f s = %,.0f episodes/s; heap after GC at most %.0f MiB (max heap %.0f MiB)%n"
                            + "        tau-airline: %d whole database read (%,d records), %,d environments, %,d"
                            + " records copied (%.1f per episode)", episodes, passed, resultsCompared,
                    resultsDiffering, seconds, episodes / seconds, peakHeapBytes / 1048576.0,
                    maxHeapBytes / 1048576.0, copies.databaseLoads(), copies.databaseRecords(),
                    copies.environments(), copies.recordsCopied(), (double) copies.recordsCopied() / episodes);
        }
    }

    private ImportBenchmark() {
    }

    public static Figures run(Engine engine, Path work, int copies, int concurrency) throws Exception {
        Path episodes = Examples.episodes();
        Path log = generated(episodes, work, copies);
        // compiled code, not the JIT's warm-up, is what a long import runs on
        Path warmUp = work.resolve("warm-up");
        delete(warmUp);
        engine.imports().start(warmUp, ImportSpec.builder("tau-bench", episodes).concurrency(concurrency).build());
        Path folder = work.resolve("run");
        delete(folder);
        TauAirlineEnvironment.Copies before = TauAirlineEnvironment.copies();
        HeapPeaks.reset();
        long start = System.nanoTime();
        ImportResult result = engine.imports().start(folder, ImportSpec.builder("tau-bench", log)
                .concurrency(concurrency).build());
        double seconds = (System.nanoTime() - start) / 1e9;
        TauAirlineEnvironment.Copies after = TauAirlineEnvironment.copies();
        if (!result.skipped().isEmpty()) {
            throw new IllegalStateException("the generated log has bad episodes: " + result.skipped().getFirst());
        }
        TauAirlineEnvironment.Copies copied = new TauAirlineEnvironment.Copies(after.databaseLoads(),
                after.databaseRecords(), after.environments() - before.environments(),
                after.recordsCopied() - before.recordsCopied());
        return new Figures(result.imported(), result.passed(), result.resultsCompared(), result.resultsDiffering(),
                seconds, HeapPeaks.peak(), Runtime.getRuntime().maxMemory(), copied);
    }

    /** The shipped episodes {@code copies} times, task ids renumbered per copy; written the first time it is asked for. */
    private static Path generated(Path episodes, Path work, int copies) throws IOException {
        Path log = work.resolve("episodes-x" + copies + ".jsonl");
        if (Files.isRegularFile(log)) {
            return log;
        }
        Files.createDirectories(work);
        ObjectMapper mapper = new ObjectMapper();
        List<String> lines = Files.readAllLines(episodes, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        int tasks = 1 + lines.stream().mapToInt(l -> taskId(mapper, l)).max().orElse(0);
        Path temporary = work.resolve(log.getFileName() + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            for (int copy = 0; copy < copies; copy++) {
                for (String line : lines) {
                    ObjectNode episode = (ObjectNode) mapper.readTree(line);
                    episode.put("task_id", copy * tasks + episode.get("task_id").asInt());
                    out.write(mapper.writeValueAsString(episode));
                    out.write('\n');
                }
            }
        }
        Files.move(temporary, log, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return log;
    }

    private static int taskId(ObjectMapper mapper, String line) {
        try {
            JsonNode id = mapper.readTree(line).get("task_id");
            if (id == null || !id.canConvertToInt()) {
                throw new IllegalStateException("a shipped episode without an integer task_id: " + line);
            }
            return id.asInt();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
