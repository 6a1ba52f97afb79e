package io.trace2train.engine.episode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.engine.Engine;
import io.trace2train.engine.ImportResult;
import io.trace2train.engine.ImportSpec;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.environments.tau.airline.TauAirlineEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A replay of one episode must not copy the whole database more than once per fork": the import of the 200 shipped
 * episodes in τ-bench's format (each replayed once, then {@code env:state_matches} replays the expected actions on a
 * fresh environment, and on a mismatch both sides again step by step) reads the whole database once per JVM and
 * copies, in all, fewer records than one whole database holds.
 */
class ReplayCopiesTest {

    @TempDir
    Path dir;

    @Test
    void theImportOfTwoHundredEpisodesCopiesLessThanOneWholeDatabase() throws Exception {
        Engine engine = Engine.start(EngineConfig.defaults());
        TauAirlineEnvironment.Copies before = TauAirlineEnvironment.copies();

        ImportResult result = engine.imports().start(dir.resolve("run"), ImportSpec.builder("tau-bench",
                EpisodeLogReaderTest.TAU_BENCH).concurrency(2).build());

        TauAirlineEnvironment.Copies after = TauAirlineEnvironment.copies();
        int episodes = result.imported();
        assertEquals(200, episodes);
        assertEquals(1, after.databaseLoads(), "the whole database is read once and shared by every environment");
        long environments = after.environments() - before.environments();
        // per episode: its replay, the expected actions' fresh one, and on a mismatch two step-by-step replays
        assertTrue(environments >= 2L * episodes && environments <= 4L * episodes, environments + " environments");
        long copied = after.recordsCopied() - before.recordsCopied();
        assertTrue(copied > 0, "the episodes' writes copy the records they change");
        assertTrue(copied < after.databaseRecords(), copied + " records copied by " + environments
                + " environments; one whole database has " + after.databaseRecords());
    }
}
