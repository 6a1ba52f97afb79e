package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.backend.ForkSampling;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.backends.jlama.RandomModelWriter;
import io.trace2train.engine.Engine;
import io.trace2train.engine.RunResult;
import io.trace2train.engine.RunSpec;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.testing.CallRecordingBackend;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent forks branched at step 1 on a tiny tool-capable model (Qwen2.5's layout and chat template, random weights,
 * through Jlama) make their first call after the shared prefix in one {@code generateForks} call per task, so the
 * conversation so far is computed once; the records are those of fork-by-fork calls, and a resume asks only for the
 * forks without a record.
 */
class SharedPrefillAgentForksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FORKS = 4;
    private static final String TOOL = "{\"type\": \"function\", \"function\": {\"name\": \"add\", \"description\":"
            + " \"Adds.\", \"parameters\": {\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\"}}}}}";

    @TempDir
    static Path models;

    @TempDir
    Path dir;

    private static Engine engine;
    private static ModelBackend jlama;

    @BeforeAll
    static void open() throws Exception {
        engine = Engine.start(EngineConfig.defaults());
        Path model = RandomModelWriter.write(ExampleData.model("qwen2.5-0.5b-instruct-shape"), ExampleData.TINY_QWEN,
                RandomModelWriter.WeightType.F32, 1, models.resolve("tiny"));
        jlama = engine.backends().create("jlama", Map.of("model-dir", model.toString()));
    }

    @AfterAll
    static void close() {
        jlama.close();
    }

    /** Two agent tasks whose user speaks twice: the agent's step 1 follows the user's second turn. */
    private Path tasks() throws Exception {
        return Files.writeString(dir.resolve("tasks.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"prompt\": \"Add 2.\", \"tools\": [" + TOOL + "], \"user\": {\"turns\": [\"Again.\"]}}",
                "{\"id\": \"b\", \"prompt\": \"Add 5.\", \"tools\": [" + TOOL + "], \"user\": {\"turns\": [\"More.\"]}}",
                ""));
    }

    private static RunSpec.Builder spec(ModelBackend model) {
        return RunSpec.builder().backend("jlama").mode("direct").forks(FORKS, "0.6,1.0,1.4,0", 0).branchAt(1).seed(7)
                .maxNewTokens(8).concurrency(3).model(model);
    }

    /** The records without what differs from one run to the next (ids, latencies), by unit. */
    private static Map<String, JsonNode> comparable(Path out) throws Exception {
        Map<String, JsonNode> records = new TreeMap<>();
        for (String line : Files.readAllLines(out.resolve("records.jsonl"))) {
            ObjectNode node = (ObjectNode) JSON.readTree(line);
            node.remove(List.of("record_id", "latency_ms", "run_id"));
            node.get("attempts").forEach(a -> ((ObjectNode) a).remove("latency_ms"));
            records.put(node.get("task_id").asText() + "#" + node.at("/fork/index").asInt(), node);
        }
        return records;
    }

    @Test
    void eachTaskMakesItsForksFirstCallAfterThePrefixOnceAndTheRecordsAreThoseOfForkByForkCalls() throws Exception {
        Path tasks = tasks();
        CallRecordingBackend shared = new CallRecordingBackend(jlama, true);
        RunResult run = engine.runs().start(dir.resolve("shared"), spec(shared).tasks(tasks).build());
        assertEquals(2 * FORKS, run.ran());
        assertEquals(2, shared.together().size(), "one call per task: " + shared.together());
        shared.together().forEach(call -> assertEquals(FORKS, call.size(), "every fork of the task: " + call));
        assertEquals(List.of(0.6, 1.0, 1.4, 0.0), shared.together().getFirst().stream()
                .map(ForkSampling::temperature).toList(), "each fork's own temperature");
        assertEquals(2, shared.alone().size(), "alone, only each task's prefix: " + shared.alone());

        CallRecordingBackend separate = new CallRecordingBackend(jlama, false);
        engine.runs().start(dir.resolve("separate"), spec(separate).tasks(tasks).build());
        assertEquals(List.of(), separate.together());
        assertEquals(2 + 2 * FORKS, separate.alone().size(), "the prefixes, then each fork's call alone");
        Map<String, JsonNode> records = comparable(dir.resolve("shared"));
        assertEquals(comparable(dir.resolve("separate")), records);
        assertTrue(records.values().stream().map(r -> r.at("/episode/messages/3/content").asText()).distinct()
                .count() > 2, "forks differ after the branch point: " + records);
    }

    @Test
    void aResumeAfterAKillAsksOnlyForTheForksWithoutARecord() throws Exception {
        Path tasks = tasks();
        Path out = dir.resolve("killed");
        engine.runs().start(out, spec(new CallRecordingBackend(jlama, true)).tasks(tasks).build());
        Map<String, JsonNode> whole = comparable(out);
        // a kill leaves task a's forks 0 and 2 and half a line
        List<String> kept = new ArrayList<>();
        List<String> lines = Files.readAllLines(out.resolve("records.jsonl"));
        for (String line : lines) {
            JsonNode record = JSON.readTree(line);
            int fork = record.at("/fork/index").asInt();
            if (record.get("task_id").asText().equals("a") && (fork == 0 || fork == 2)) {
                kept.add(line);
            }
        }
        Files.writeString(out.resolve("records.jsonl"), String.join("\n", kept) + "\n"
                + lines.getLast().substring(0, 40));

        CallRecordingBackend resumed = new CallRecordingBackend(jlama, true);
        RunResult run = engine.runs().resume(out, RunSpec.builder().model(resumed).forks(FORKS, null, 0)
                .notGiven(RunSpec.Setting.values()).build());
        assertEquals(2 * FORKS - 2, run.ran());
        assertEquals(List.of(2, 4), resumed.together().stream().map(List::size).sorted().toList(),
                "task a's two missing forks, task b's four");
        assertEquals(List.of(1.0, 0.0), resumed.together().stream().filter(c -> c.size() == 2).findFirst()
                .orElseThrow().stream().map(ForkSampling::temperature).toList(), "forks 1 and 3");
        assertEquals(whole, comparable(out), "the resumed forks answer as they did before the kill");
    }
}
