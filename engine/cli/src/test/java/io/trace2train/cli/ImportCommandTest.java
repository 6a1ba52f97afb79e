package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.engine.store.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trace2train import}: the summary, skipped episodes by line, exit codes, resume. */
class ImportCommandTest {

    @TempDir
    static Path plugins;

    @TempDir
    Path dir;

    private static String episode(String taskId, String answer) {
        return "{\"task_id\": \"" + taskId + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Look up x\"},"
                + " {\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"id\": \"c1\", \"type\":"
                + " \"function\", \"function\": {\"name\": \"lookup\", \"arguments\": {\"q\": \"x\"}}}]},"
                + " {\"role\": \"tool\", \"tool_call_id\": \"c1\", \"content\": \"7\"}, {\"role\": \"assistant\","
                + " \"content\": \"" + answer + "\"}], \"tools\": [{\"type\": \"function\", \"function\": {\"name\":"
                + " \"lookup\", \"parameters\": {\"type\": \"object\"}}}], \"constraints\": [{\"verifier\":"
                + " \"punctuation:no_comma\"}]}";
    }

    @Test
    void importsTheGoodEpisodesAndNamesTheBadOnesByLine() throws Exception {
        Path log = Files.write(dir.resolve("agent.jsonl"), List.of(episode("a", "x is 7"),
                "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"tool\", \"tool_call_id\":"
                        + " \"c9\", \"content\": \"7\"}]}",
                episode("a", "x is 7, I think")));
        Path out = dir.resolve("run");

        CommandLineRun run = CommandLineRun.of("import", "--plugins", plugins, "--format", "openai", "--in", log,
                "--out", out);

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("imported 2 of 3 episodes (1 skipped), 1 pass every hard constraint"),
                run.toString());
        assertTrue(run.out().contains("reward: mean 0.875; 1 x 0.750, 1 x 1.000"), run.toString());
        assertTrue(run.err().contains("trace2train: skipped: " + log + ":2: messages[1].tool_call_id: a tool result"
                + " for call 'c9', which no assistant message before it made"), run.toString());
        assertEquals(2, Files.readAllLines(out.resolve(RunDirectory.RECORDS)).size());

        CommandLineRun validate = CommandLineRun.of("validate", out.resolve(RunDirectory.RECORDS));
        assertEquals(0, validate.exitCode(), validate.toString());

        CommandLineRun resumed = CommandLineRun.of("import", "--plugins", plugins, "--out", out, "--resume");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.out().contains("imported 0 of 3 episodes (1 skipped, 2 imported before)"),
                resumed.toString());
        assertEquals(2, Files.readAllLines(out.resolve(RunDirectory.RECORDS)).size());
    }

    @Test
    void exitCodes() throws Exception {
        Path bad = Files.write(dir.resolve("bad.jsonl"), List.of("{\"messages\": []}", "[1]"));
        CommandLineRun allBad = CommandLineRun.of("import", "--plugins", plugins, "--format", "openai", "--in", bad,
                "--out", dir.resolve("run"));
        assertEquals(1, allBad.exitCode(), allBad.toString());
        assertTrue(allBad.err().contains(bad + ":1: messages: no user message"), allBad.toString());
        assertTrue(allBad.err().contains(bad + ":2: expected a JSON object"), allBad.toString());
        assertFalse(Files.exists(dir.resolve("run").resolve(RunDirectory.MANIFEST)));

        CommandLineRun format = CommandLineRun.of("import", "--format", "csv", "--in", bad, "--out", dir.resolve("x"));
        assertEquals(2, format.exitCode(), format.toString());
        assertTrue(format.err().contains("unknown log format 'csv': expected openai or tau-bench"), format.toString());

        CommandLineRun noInput = CommandLineRun.of("import", "--out", dir.resolve("x"));
        assertEquals(2, noInput.exitCode(), noInput.toString());

        CommandLineRun help = CommandLineRun.of("import", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--environment=NAME"), help.out());
    }
}
