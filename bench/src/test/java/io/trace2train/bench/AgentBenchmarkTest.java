package io.trace2train.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.task.Role;
import io.trace2train.engine.Engine;
import io.trace2train.engine.Examples;
import io.trace2train.engine.ImportResult;
import io.trace2train.engine.ImportSpec;
import io.trace2train.engine.config.EngineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench agent} once: the live loop over the shipped τ-bench tasks file, with the recorded GPT-4o episodes as
 * the model, plays each recording to its end and earns, task by task, the state reward the import of the same
 * recording earns; the work it reports is the recordings' (steps, user turns, tool calls).
 */
class AgentBenchmarkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void theRecordedEpisodesPlayedLiveEarnTheRewardsTheirImportEarns() throws Exception {
        Engine engine = Engine.start(EngineConfig.defaults());
        AgentBenchmark.Figures figures = AgentBenchmark.run(engine, work, 1, 2);

        RecordedTauAgent recorded = RecordedTauAgent.load(Examples.episodes());
        long steps = 0;
        long turns = 0;
        long calls = 0;
        for (RecordedTauAgent.Recording r : recorded.recordings().values()) {
            // τ-bench ends an episode at a transfer to a human agent (or its step limit); the loop asks the agent once
            // more (the recording has no answer: it says so), and the simulator, out of turns, stops
            int past = r.messages().getLast().role() == Role.USER ? 0 : 1;
            steps += r.assistant().size() + past;
            turns += r.user().size() - 1 + past;
            calls += r.messages().stream().mapToInt(m -> m.toolCalls().size()).sum();
        }
        assertEquals(50, figures.episodes());
        assertEquals(steps, figures.agentSteps(), figures.describe());
        assertEquals(turns, figures.userTurns(), figures.describe());
        assertEquals(calls, figures.toolCalls(), figures.describe());

        ImportResult imported = engine.imports().start(work.resolve("import"),
                ImportSpec.builder("tau-bench", Examples.episodes()).build());
        Map<String, Double> importedTrial0 = new TreeMap<>();
        for (String line : Files.readAllLines(imported.records())) {
            JsonNode record = JSON.readTree(line);
            if (record.at("/fork/index").asInt() == 0) {
                importedTrial0.put(record.get("task_id").asText(), record.at("/reward/value").asDouble());
            }
        }
        Map<String, Double> live = new TreeMap<>();
        for (String line : Files.readAllLines(work.resolve("run-0").resolve("records.jsonl"))) {
            JsonNode record = JSON.readTree(line);
            assertTrue(record.path("error").isMissingNode() || record.get("error").isNull(), record::toString);
            live.put(record.get("task_id").asText(), record.at("/reward/value").asDouble());
        }
        assertEquals(importedTrial0, live);
        long rewarded = live.values().stream().filter(v -> v == 1.0).count();
        assertEquals(4 * rewarded, figures.forksWithReward(), "every fork replays the task's recording");
        assertEquals(200, figures.forkEpisodes());
    }
}
