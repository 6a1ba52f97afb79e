package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.engine.store.RunLock;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder's records are checked as a whole by validate and export (one record per unit, all of the manifest's
 * run), and an export says when it read a run still being written or one with incomplete tasks.
 */
class RunFolderIntegrityTest {

    @TempDir
    Path dir;

    private Path tasks;

    @BeforeEach
    void tasks() throws Exception {
        tasks = Files.write(dir.resolve("tasks.jsonl"),
                Files.readAllLines(ExampleData.ifeval("input_data.jsonl")).subList(0, 12));
    }

    private static CommandLineRun ok(Object... args) {
        CommandLineRun run = CommandLineRun.of(args);
        assertEquals(Main.OK, run.exitCode(), run::toString);
        return run;
    }

    private Path run(String name) {
        Path out = dir.resolve(name);
        ok("run", "--tasks", tasks, "--backend", "replay", "--responses", ExampleData.ifeval("responses_gpt4.jsonl"),
                "--out", out);
        return out;
    }

    @Test
    void aSecondRecordOfATaskIsAProblemOfValidateAndExport() throws Exception {
        Path run = run("run");
        Path records = run.resolve("records.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(records));
        lines.add(lines.get(3));
        Files.write(records, lines);

        CommandLineRun validate = CommandLineRun.of("validate", records);
        assertEquals(Main.WORK_FAILED, validate.exitCode(), validate::toString);
        assertTrue(validate.out().contains(records + ":13: task_id: a second record of task "), validate::toString);
        assertTrue(validate.out().contains("13 records, 1 invalid"), validate::toString);

        CommandLineRun export = CommandLineRun.of("export", "--run", run, "--format", "sft", "--out",
                dir.resolve("sft.jsonl"));
        assertEquals(Main.BAD_INPUT, export.exitCode(), export::toString);
        assertTrue(export.err().contains(records + ":13: task_id: a second record of task "), export::toString);
        assertFalse(Files.exists(dir.resolve("sft.jsonl")));
    }

    @Test
    void aRecordLineWithADuplicateKeyOrASecondObjectIsAProblemOfValidateExportAndResume() throws Exception {
        Path run = run("run");
        Path records = run.resolve("records.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(records));
        lines.set(1, lines.get(1).replaceFirst("\\{", "{\"passed\":true,"));
        lines.set(4, lines.get(4) + " {}");
        Files.write(records, lines);

        CommandLineRun validate = CommandLineRun.of("validate", records);
        assertEquals(Main.WORK_FAILED, validate.exitCode(), validate::toString);
        assertTrue(validate.out().contains(records + ":2: not valid JSON: duplicate key 'passed'"), validate::toString);
        assertTrue(validate.out().contains(records + ":5: not valid JSON: more after the first JSON value"),
                validate::toString);

        CommandLineRun export = CommandLineRun.of("export", "--run", run, "--format", "sft", "--out",
                dir.resolve("sft.jsonl"));
        assertEquals(Main.BAD_INPUT, export.exitCode(), export::toString);
        assertTrue(export.err().contains(records + ":2: not a compliance-eval-record/v1 record: duplicate key"
                + " 'passed'"), export::toString);

        CommandLineRun resume = CommandLineRun.of("run", "--tasks", tasks, "--resume", run);
        assertEquals(Main.BAD_INPUT, resume.exitCode(), resume::toString);
        assertTrue(resume.err().contains(records + ":2: not valid JSON: duplicate key 'passed'"), resume::toString);
    }

    @Test
    void recordsOfAnotherRunThanTheManifestsAreAProblemOfValidateAndExport() throws Exception {
        Path run = run("run");
        Path other = run("other");
        Files.copy(other.resolve("manifest.json"), run.resolve("manifest.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path records = run.resolve("records.jsonl");

        CommandLineRun validate = CommandLineRun.of("validate", records);
        assertEquals(Main.WORK_FAILED, validate.exitCode(), validate::toString);
        assertTrue(validate.out().contains(records + ":1: run_id: a record of run "), validate::toString);
        assertTrue(validate.out().contains("12 records, 12 invalid"), validate::toString);

        CommandLineRun export = CommandLineRun.of("export", "--run", run, "--format", "sft", "--out",
                dir.resolve("sft.jsonl"));
        assertEquals(Main.BAD_INPUT, export.exitCode(), export::toString);
        // export reads tasks by task id, so the line it names is the first of the first task, not line 1
        assertTrue(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(records.toString())
                + ":\\d+: run_id: a record of run ").matcher(export.err()).find(), export::toString);
    }

    @Test
    @SuppressWarnings("try") // the lock is held by the block, never read
    void anExportOfARunStillBeingWrittenWarns() throws Exception {
        Path run = run("run");
        try (RunLock lock = RunLock.acquire(run)) {
            CommandLineRun export = ok("export", "--run", run, "--format", "sft", "--out", dir.resolve("sft.jsonl"));
            assertTrue(export.err().contains("warning: " + run + " is still being written by a run"),
                    export::toString);
        }
        CommandLineRun after = ok("export", "--run", run, "--format", "sft", "--out", dir.resolve("sft2.jsonl"));
        assertFalse(after.err().contains("warning"), after::toString);
    }

    @Test
    void anExportOfARolloutWithIncompleteTasksSaysHowMany() throws Exception {
        Path out = dir.resolve("rollout");
        ok("rollouts", "--tasks", tasks, "--forks", 3, "--backend", "replay", "--responses",
                ExampleData.ifeval("responses_gpt4.jsonl"), "--out", out);
        Path records = out.resolve("records.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(records));
        // one fork of two tasks missing
        String first = taskId(lines.remove(0));
        lines.remove(lines.stream().filter(l -> !taskId(l).equals(first)).findFirst().orElseThrow());
        Files.write(records, lines);

        CommandLineRun export = ok("export", "--run", out, "--format", "sft", "--out", dir.resolve("sft.jsonl"));
        assertTrue(export.err().contains("warning: 2 tasks of " + out + " are incomplete"), export::toString);
        assertTrue(export.err().contains("rollouts --resume " + out), export::toString);
    }

    private static String taskId(String record) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(record).get("task_id").textValue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
