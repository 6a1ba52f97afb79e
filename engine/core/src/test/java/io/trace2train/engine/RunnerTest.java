package io.trace2train.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.record.RecordJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Runs#runner}: a task run in memory, as a run's workers run it, and its record as a run appends it. */
class RunnerTest {

    private static Engine engine;

    @TempDir
    Path dir;

    /** The model boundary: answers every call with a fixed text, counting calls. */
    private static final class FixedAnswer implements ModelBackend {

        private final String[] answers;
        private final AtomicInteger calls = new AtomicInteger();

        FixedAnswer(String... answers) {
            this.answers = answers;
        }

        @Override
        public ModelInfo model() {
            return new ModelInfo("fixed", "fixed-answer", "v1");
        }

        @Override
        public boolean canGenerate() {
            return true;
        }

        @Override
        public Generation generate(GenerationRequest request) {
            int call = calls.getAndIncrement();
            return new Generation(answers[Math.min(call, answers.length - 1)], 5, 4, 1);
        }
    }

    @BeforeAll
    static void startEngine() {
        engine = Engine.start(EngineConfig.defaults());
    }

    private List<TaskSpec> noCommaTask() throws Exception {
        return engine.runs().tasks(Files.writeString(dir.resolve("tasks.jsonl"), """
                {"key": 1, "prompt": "Describe cats.", "instruction_id_list": ["punctuation:no_comma"], "kwargs": [{}]}
                """));
    }

    @Test
    void aTaskRunsOnTheCallersModelInTheSpecsModeAndItsLineReadsBack() throws Exception {
        TaskSpec task = noCommaTask().getFirst();
        FixedAnswer model = new FixedAnswer("Cats purr, nap and play.", "Cats purr and nap and play.");

        Runs.Runner runner = engine.runs().runner(RunSpec.builder().mode("prompt_retry").model(model).build());
        ComplianceRecord record = runner.run("run-1", task);

        assertEquals("run-1", record.runId());
        assertEquals("1", record.taskId());
        assertEquals("prompt_retry", record.mode());
        assertTrue(record.passed(), "the retry's answer has no comma");
        assertEquals("Cats purr and nap and play.", record.finalOutput());
        assertEquals(2, model.calls.get());
        Path records = Files.writeString(dir.resolve("records.jsonl"), RecordFiles.line(record) + "\n");
        List<TaskRecords> groups = new ArrayList<>();
        assertEquals(1, RecordFiles.groups(records, 1, groups::add));
        assertEquals(record, groups.getFirst().ranked().getFirst());
        assertFalse(Files.exists(dir.resolve("run-1")), "a runner keeps nothing");
    }

    @Test
    void aRecordThatBreaksItsSchemaIsRefusedBeforeItsLineIsWritten() throws Exception {
        ComplianceRecord good = engine.runs().runner(RunSpec.builder().mode("direct")
                .model(new FixedAnswer("Cats purr and nap.")).build()).run("r", noCommaTask().getFirst());
        // the line read back is what the schema checks: latencies below 0 break their minimum
        ComplianceRecord broken = RecordJson.read(RecordFiles.line(good).replaceAll("\"latency_ms\":\\d+",
                "\"latency_ms\":-1"));
        assertEquals(-1, broken.latencyMillis());

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RecordFiles.line(broken));
        assertTrue(e.getMessage().contains("$.latency_ms"), e.getMessage());
        assertTrue(e.getMessage().contains("record of task 1 breaks compliance-eval-record/v1"), e.getMessage());
    }

    @Test
    void directModeTakesTheFirstAnswer() throws Exception {
        ComplianceRecord record = engine.runs().runner(RunSpec.builder().mode("direct")
                .model(new FixedAnswer("Cats purr, nap.")).build()).run("r", noCommaTask().getFirst());

        assertFalse(record.passed());
        assertEquals("Cats purr, nap.", record.finalOutput());
    }

    @Test
    void aRunnerNeedsTheCallersModelAndSettingsInRange() {
        SettingException noModel = assertThrows(SettingException.class,
                () -> engine.runs().runner(RunSpec.builder().build()));
        assertEquals("backend", noModel.setting(), noModel.getMessage());

        SettingException bad = assertThrows(SettingException.class, () -> engine.runs().runner(RunSpec.builder()
                .mode("fastest").retries(-1).model(new FixedAnswer("x")).build()));
        assertEquals(List.of("mode", "retries"), bad.settings().stream().map(SettingException.Problem::setting)
                .toList(), bad.getMessage());
    }
}
