package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.record.ErrorKind;
import io.trace2train.engine.Engine;
import io.trace2train.engine.ExistingTargetException;
import io.trace2train.engine.ExportSpec;
import io.trace2train.engine.RunResult;
import io.trace2train.engine.RunSpec;
import io.trace2train.engine.SettingException;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's run and export use cases as an embedder calls them: typed specs in, typed results out. */
class RunsServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Engine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        engine = Engine.start(EngineConfig.defaults());
    }

    /** Six IFEval prompts with recorded answers and one whose prompt has none (its backend call fails). */
    private Path tasks() throws Exception {
        List<String> rows = new ArrayList<>(Files.readAllLines(ExampleData.ifeval("input_data.jsonl")).subList(0, 6));
        ObjectNode unanswered = (ObjectNode) JSON.readTree(rows.getFirst());
        unanswered.put("key", 999_999).put("prompt", "a prompt nobody answered");
        rows.add(JSON.writeValueAsString(unanswered));
        Path file = dir.resolve("tasks.jsonl");
        Files.write(file, rows);
        return file;
    }

    private RunSpec.Builder replay() {
        return RunSpec.builder().backend("replay").backendOption("responses",
                ExampleData.ifeval("responses_gpt4.jsonl").toAbsolutePath().toString());
    }

    @Test
    void aRunCountsErrorsByKindApartFromFailedAnswersAndResumesWithItsOwnSettings() throws Exception {
        Path tasks = tasks();
        AtomicInteger told = new AtomicInteger();
        RunResult run = engine.runs().start(dir.resolve("run"), replay().tasks(tasks).mode("full_pcl")
                .listener(new RunSpec.RunListener() {
                    @Override
                    public void finished(io.trace2train.api.record.ComplianceRecord record) {
                        told.incrementAndGet();
                    }
                }).build());

        assertEquals(7, run.units());
        assertEquals(7, run.ran());
        assertEquals(7, told.get(), "the listener hears of every record");
        assertEquals(Map.of(ErrorKind.BACKEND.json(), 1), run.errorsByKind());
        assertEquals(6, run.passed() + run.failedAnswers(), "the error is not a failed answer");
        assertTrue(run.succeeded());
        assertFalse(run.meters().isEmpty(), "a registry of the run's own when none is given");
        assertEquals(dir.resolve("run").resolve("records.jsonl"), run.records());

        SettingException conflict = assertThrows(SettingException.class,
                () -> engine.runs().resume(dir.resolve("run"), replay().mode("direct").build()));
        assertEquals("mode", conflict.setting());
        assertTrue(conflict.getMessage().startsWith("mode: run " + run.runId() + " was started with full_pcl, not"
                + " direct"), conflict.getMessage());

        RunResult resumed = engine.runs().resume(dir.resolve("run"), RunSpec.builder().build());
        assertEquals(0, resumed.ran());
        assertEquals(7, resumed.skipped());
        assertEquals(run.runId(), resumed.runId());
    }

    @Test
    void aSettingOutOfRangeIsNamedAndLeavesNoFolder() throws Exception {
        Path tasks = tasks();
        SettingException retries = assertThrows(SettingException.class,
                () -> engine.runs().start(dir.resolve("bad"), replay().tasks(tasks).retries(-1).build()));
        assertEquals("retries", retries.setting());
        SettingException topP = assertThrows(SettingException.class,
                () -> engine.runs().start(dir.resolve("bad"), replay().tasks(tasks).topP(1.5).build()));
        assertEquals("top_p", topP.setting());
        SettingException forks = assertThrows(SettingException.class,
                () -> engine.runs().start(dir.resolve("bad"), replay().tasks(tasks).forks(0, null, 0).build()));
        assertEquals("forks", forks.setting());
        assertFalse(Files.exists(dir.resolve("bad")));
    }

    @Test
    void aRolloutIsRankedAndExportedAndAnExportNeverOverwritesUnasked() throws Exception {
        Path tasks = tasks();
        RunResult rollout = engine.runs().start(dir.resolve("rollout"), replay().tasks(tasks).forks(2, "0.2,0.9", 0)
                .build());
        assertTrue(rollout.rollout());
        assertEquals(14, rollout.units());
        RunResult.Ranking ranking = rollout.ranking();
        assertNotNull(ranking);
        assertEquals(7, ranking.totals().tasks());
        assertTrue(Files.isRegularFile(ranking.file()));

        Path kto = dir.resolve("kto.jsonl");
        var export = engine.exports().export(ExportSpec.builder("kto", kto).run(rollout.folder()).build());
        assertEquals("trl", export.flavor());
        assertEquals(Files.readAllLines(kto).size(), export.summary().rows());
        ExistingTargetException again = assertThrows(ExistingTargetException.class,
                () -> engine.exports().export(ExportSpec.builder("kto", kto).run(rollout.folder()).build()));
        assertEquals(kto, again.file());
        SettingException noRuns = assertThrows(SettingException.class,
                () -> engine.exports().export(ExportSpec.builder("kto", dir.resolve("none.jsonl")).build()));
        assertEquals(ExportSpec.RUNS, noRuns.setting());
    }
}
