package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A resume runs with the manifest's settings: it takes the tasks file from it and refuses settings that differ. */
class ResumeSettingsTest {

    @TempDir
    Path dir;

    private Path tasks;
    private Path run;

    @BeforeEach
    void startAndCutARun() throws Exception {
        tasks = dir.resolve("tasks.jsonl");
        Files.write(tasks, Files.readAllLines(ExampleData.ifeval("input_data.jsonl")).subList(0, 3));
        run = dir.resolve("run");
        CommandLineRun first = CommandLineRun.of("run", "--tasks", tasks, "--mode", "full_pcl", "--backend", "replay",
                "--responses", ExampleData.ifeval("responses_gpt4.jsonl"), "--seed", "5", "--out", run);
        assertEquals(Main.OK, first.exitCode(), first::toString);
        List<String> records = Files.readAllLines(run.resolve("records.jsonl"));
        Files.write(run.resolve("records.jsonl"), records.subList(0, 1)); // as if killed after the first record
    }

    @Test
    void aResumeWithoutTasksTakesTheManifestsTasksFile() {
        CommandLineRun resumed = CommandLineRun.of("run", "--resume", run);
        assertEquals(Main.OK, resumed.exitCode(), resumed::toString);
        assertTrue(resumed.out().contains("2 ran now (1 already done)"), resumed::toString);
    }

    @Test
    void aResumeGivenTheSameSettingsRuns() {
        CommandLineRun resumed = CommandLineRun.of("run", "--tasks", tasks, "--resume", run, "--mode", "full_pcl",
                "--seed", "5", "--responses", ExampleData.ifeval("responses_gpt4.jsonl"), "--concurrency", "1");
        assertEquals(Main.OK, resumed.exitCode(), resumed::toString);
    }

    @Test
    void aResumeGivenOtherSettingsIsRefusedNamingThem() {
        refused("--mode: run ", "--mode", "direct");
        refused("--seed: run ", "--seed", "6");
        refused("--temperature: run ", "--temperature", "0.1");
        refused("--backend: run ", "--backend", "jlama");
        refused("backend option responses: the run was started with responses=", "--responses", tasks);
        refused("backend option model-dir: the run was started with no model-dir", "--option", "model-dir=x");
    }

    private void refused(String message, Object... given) {
        Object[] args = new Object[given.length + 3];
        args[0] = "run";
        args[1] = "--resume";
        args[2] = run;
        System.arraycopy(given, 0, args, 3, given.length);
        CommandLineRun resumed = CommandLineRun.of(args);
        assertEquals(Main.BAD_INPUT, resumed.exitCode(), resumed::toString);
        assertTrue(resumed.err().contains(message), resumed::toString);
    }

    @Test
    void aNewRunStillNeedsTasks() {
        CommandLineRun run = CommandLineRun.of("run", "--out", dir.resolve("new"));
        assertEquals(Main.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--tasks is required for a new run"), run::toString);
    }
}
