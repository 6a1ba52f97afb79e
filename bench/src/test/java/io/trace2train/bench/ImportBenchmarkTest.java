package io.trace2train.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench import} on two copies of the shipped episodes: every copy new tasks, and the work it reports bounded. */
class ImportBenchmarkTest {

    @TempDir
    Path work;

    @Test
    void twoCopiesAreFourHundredEpisodesOfDistinctTasksReplayedWithoutWholeCopies() throws Exception {
        ImportBenchmark.Figures figures = ImportBenchmark.run(Engine.start(EngineConfig.defaults()), work, 2, 2);

        assertEquals(400, figures.episodes(), "no episode of a copy collides with one of another");
        assertEquals(2 * 84, figures.passed());
        assertEquals(2 * 1164, figures.resultsCompared());
        assertEquals(2 * 120, figures.resultsDiffering());
        assertEquals(1, figures.copies().databaseLoads());
        assertTrue(figures.copies().environments() >= 2 * 400 && figures.copies().environments() <= 4 * 400,
                figures.describe());
        assertTrue(figures.copies().recordsCopied() < figures.copies().databaseRecords(), figures.describe());
        List<String> ranking = Files.readAllLines(work.resolve("run").resolve("ranking.jsonl"));
        assertEquals(100, ranking.size(), "50 tasks per copy");
        assertTrue(figures.describe().contains("400 episodes"), figures.describe());
    }
}
