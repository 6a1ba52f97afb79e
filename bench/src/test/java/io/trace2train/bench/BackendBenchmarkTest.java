package io.trace2train.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.testing.ExampleData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jlama and llama.cpp timed on stories260K's weights, interleaved, each generation timed at each token, each engine in
 * its own process.
 */
class BackendBenchmarkTest {

    private static final Path STORIES = ExampleData.model("stories260K");

    @TempDir
    Path dir;

    @Test
    void bothEnginesAreTimedPerTokenOnTheSameChatPromptInEveryRepetition() throws Exception {
        Engine engine = Engine.start(EngineConfig.defaults());
        Path gguf = engine.backends().quantizer("llamacpp").quantize(STORIES, "F16", dir.resolve("s.gguf"));
        var subjects = List.of(
                new BackendBenchmark.Subject("jlama", "jlama", Map.of("model-dir", STORIES.toString()),
                        BackendBenchmark.weightBytes(STORIES)),
                new BackendBenchmark.Subject("llama.cpp", "llamacpp", Map.of("model", gguf.toString(), "threads", "1"),
                        BackendBenchmark.weightBytes(gguf)));
        var figures = BackendBenchmark.run(subjects, 3, 8, true, java.util.Optional.empty());
        assertEquals(2, figures.size());
        for (var f : figures) {
            assertEquals(8, f.generated(), f.describe());
            assertEquals(3, f.firstTokenMs().size());
            assertEquals(3, f.decodeTokensPerSecond().size());
            assertTrue(f.firstTokenMs().stream().allMatch(ms -> ms > 0), f.describe());
            assertTrue(f.decodeTokensPerSecond().stream().allMatch(rate -> rate > 0 && Double.isFinite(rate)),
                    f.describe());
            assertTrue(f.bestDecode() >= f.medianDecode() && f.bestFirstTokenMs() <= f.medianFirstTokenMs());
            // a JVM with an engine loaded: tens of MB at least, and far below this test JVM's heap ceiling
            assertTrue(f.peakRssBytes() > 30_000_000 && f.peakRssBytes() < 2_000_000_000L, f.describe());
        }
        // each engine in its own process: its own peak, not one figure for both
        assertTrue(figures.get(0).peakRssBytes() != figures.get(1).peakRssBytes(), figures.toString());
        String table = BackendBenchmark.table(figures, figures.get(1));
        assertEquals(4, table.lines().count(), table);
        assertTrue(table.lines().skip(2).allMatch(row -> row.startsWith("| ") && row.endsWith(" MB |")), table);
        assertTrue(table.lines().skip(3).findFirst().orElseThrow().contains("| 1.00x, 1.00x, +0 MB |"), table);
        // the same prompt through Jlama's tokenizer and llama.cpp's reading of our GGUF: the same tokens
        assertEquals(figures.get(0).promptTokens(), figures.get(1).promptTokens());
        assertTrue(figures.get(0).promptTokens() > 150, "a realistic chat prompt: " + figures.get(0).promptTokens());
        assertTrue(BackendBenchmark.ratios(figures.get(0), figures.get(1)).startsWith(
                "jlama against llama.cpp: decode "));
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, BackendBenchmark.median(List.of(4.0, 1.0, 3.0, 2.0)));
        assertEquals(3.0, BackendBenchmark.median(List.of(5.0, 3.0, 1.0)));
    }
}
