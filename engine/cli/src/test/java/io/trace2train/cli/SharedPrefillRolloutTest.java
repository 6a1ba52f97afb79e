package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.backend.ForkSampling;
import io.trace2train.api.backend.ModelBackend;
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
 * A rollout on a local model (stories260K through Jlama) makes each task's forks' first answers in one
 * {@code generateForks} call, so the prompt is computed once per task; the records are those of fork-by-fork
 * generation, and a resume asks only for the forks without a record.
 */
class SharedPrefillRolloutTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FORKS = 4;

    private static Engine engine;
    private static ModelBackend jlama;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        engine = Engine.start(EngineConfig.defaults());
        jlama = engine.backends().create("jlama", Map.of("model-dir",
                ExampleData.model("stories260K").toAbsolutePath().toString(), "raw", "true"));
    }

    @AfterAll
    static void close() {
        jlama.close();
    }

    private Path tasks() throws Exception {
        Path file = dir.resolve("tasks.jsonl");
        Files.write(file, Files.readAllLines(ExampleData.ifeval("input_data.jsonl")).subList(0, 3));
        return file;
    }

    private RunResult rollout(Path out, Path tasks, ModelBackend model) throws Exception {
        return engine.runs().start(out, spec(model).tasks(tasks).build());
    }

    private static RunSpec.Builder spec(ModelBackend model) {
        return RunSpec.builder().backend("jlama").mode("direct").forks(FORKS, "0.6,1.0,1.4,0", 0).seed(7)
                .maxNewTokens(12).concurrency(3).model(model);
    }

    /** Each record's first answer and what it was sampled with, by unit ({@code task#fork}). */
    private static Map<String, String> firstAnswers(Path out) throws Exception {
        Map<String, String> answers = new TreeMap<>();
        for (String line : Files.readAllLines(out.resolve("records.jsonl"))) {
            JsonNode record = JSON.readTree(line);
            JsonNode attempt = record.at("/attempts/0");
            answers.put(record.get("task_id").asText() + "#" + record.at("/fork/index").asInt(),
                    "seed " + attempt.get("seed") + ", " + record.get("generation") + ", tokens "
                            + attempt.get("prompt_tokens") + "+" + attempt.get("completion_tokens") + ": "
                            + attempt.get("output"));
        }
        return answers;
    }

    @Test
    void eachTaskPaysOnePrefillForItsForksAndTheRecordsAreThoseOfForkByForkGeneration() throws Exception {
        Path tasks = tasks();
        CallRecordingBackend shared = new CallRecordingBackend(jlama, true);
        RunResult run = rollout(dir.resolve("shared"), tasks, shared);
        assertEquals(3 * FORKS, run.ran());
        assertEquals(0, shared.alone().size(), "no fork generated alone");
        assertEquals(3, shared.together().size(), "one call per task: " + shared.together());
        shared.together().forEach(call -> assertEquals(FORKS, call.size(), "every fork of the task: " + call));
        assertEquals(List.of(0.6, 1.0, 1.4, 0.0), shared.together().getFirst().stream()
                .map(ForkSampling::temperature).toList(), "each fork's own temperature");

        CallRecordingBackend separate = new CallRecordingBackend(jlama, false);
        rollout(dir.resolve("separate"), tasks, separate);
        assertEquals(3 * FORKS, separate.prefills(), "fork by fork: a prefill per fork");
        Map<String, String> answers = firstAnswers(dir.resolve("shared"));
        assertEquals(3 * FORKS, answers.size());
        assertEquals(firstAnswers(dir.resolve("separate")), answers);
        assertTrue(answers.values().stream().distinct().count() > 3 * 2, "forks differ: " + answers);
    }

    @Test
    void aResumeAfterAKillAsksOnlyForTheForksWithoutARecord() throws Exception {
        Path tasks = tasks();
        Path out = dir.resolve("killed");
        rollout(out, tasks, new CallRecordingBackend(jlama, true));
        Map<String, String> whole = firstAnswers(out);
        // a kill leaves whole records of some forks: keep those of task 1's forks 0 and 2, task 2's fork 3, none of
        // task 3's, and half a line
        List<String> kept = new ArrayList<>();
        List<String> lines = Files.readAllLines(out.resolve("records.jsonl"));
        String firstTask = JSON.readTree(lines.getFirst()).get("task_id").asText();
        String secondTask = null;
        for (String line : lines) {
            JsonNode record = JSON.readTree(line);
            String task = record.get("task_id").asText();
            if (!task.equals(firstTask) && secondTask == null) {
                secondTask = task;
            }
            int fork = record.at("/fork/index").asInt();
            if (task.equals(firstTask) && (fork == 0 || fork == 2) || task.equals(secondTask) && fork == 3) {
                kept.add(line);
            }
        }
        Files.writeString(out.resolve("records.jsonl"), String.join("\n", kept) + "\n"
                + lines.getLast().substring(0, 40));

        CallRecordingBackend resumed = new CallRecordingBackend(jlama, true);
        RunResult run = engine.runs().resume(out, RunSpec.builder().model(resumed).forks(FORKS, null, 0)
                .notGiven(io.trace2train.engine.RunSpec.Setting.values()).build());
        assertEquals(3 * FORKS - 3, run.ran());
        assertEquals(0, resumed.alone().size());
        assertEquals(List.of(2, 3, 4), resumed.together().stream().map(List::size).sorted().toList(),
                "task 1's two missing forks, task 2's three, task 3's four");
        assertEquals(whole, firstAnswers(out), "the resumed forks answer as they did before the kill");
    }
}
