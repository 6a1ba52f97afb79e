package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code score}: the 541 IFEval answers of GPT-4, replayed and repaired, judged again. */
class ScoreCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path run;
    private static List<JsonNode> records;

    @BeforeAll
    static void repairRun() throws Exception {
        run = shared.resolve("run");
        CommandLineRun result = CommandLineRun.of("run", "--tasks", ExampleData.ifeval("input_data.jsonl"),
                "--mode", "full_pcl", "--backend", "replay", "--responses", ExampleData.ifeval("responses_gpt4.jsonl"),
                "--out", run);
        assertEquals(Main.OK, result.exitCode(), result::toString);
        records = ExportCommandTest.lines(run.resolve("records.jsonl"));
        assertEquals(541, records.size());
    }

    private List<JsonNode> score(Path out, Object... more) throws Exception {
        List<Object> args = new ArrayList<>(List.of("score", "--run", run, "--out", out));
        args.addAll(List.of(more));
        CommandLineRun result = CommandLineRun.of(args.toArray());
        assertEquals(Main.OK, result.exitCode(), result::toString);
        return ExportCommandTest.lines(out.resolve("records.jsonl"));
    }

    /** Each attempt's verdicts: passed, verifier and level per constraint. */
    private static List<String> verdicts(JsonNode record) {
        List<String> verdicts = new ArrayList<>();
        for (JsonNode attempt : record.get("attempts")) {
            StringBuilder one = new StringBuilder();
            for (JsonNode c : attempt.get("constraints")) {
                one.append(c.get("verifier").textValue()).append('=').append(c.get("passed").booleanValue())
                        .append(' ').append(c.path("evidence")).append(';');
            }
            verdicts.add(one.toString());
        }
        return verdicts;
    }

    @Test
    void theSameConstraintsGiveTheSameVerdictsAndKeepTheGenerationFields() throws Exception {
        Path out = dir.resolve("same");
        List<JsonNode> again = score(out);
        List<JsonNode> fromFile = score(dir.resolve("file"), "--constraints", ExampleData.ifeval("input_data.jsonl"));
        assertEquals(records.size(), again.size());
        for (int i = 0; i < records.size(); i++) {
            JsonNode before = records.get(i);
            for (JsonNode after : List.of(again.get(i), fromFile.get(i))) {
                ObjectNode expected = before.deepCopy();
                // the new run's id is the only field a rescoring by the same constraints and reward changes
                expected.put("run_id", after.get("run_id").textValue());
                assertEquals(expected, after, "record " + i);
            }
            assertEquals(verdicts(before), verdicts(again.get(i)));
        }
        assertNotEquals(records.getFirst().get("run_id"), again.getFirst().get("run_id"));
        // a run folder like any other: export reads it
        CommandLineRun export = CommandLineRun.of("export", "--run", out, "--format", "sft", "--out",
                dir.resolve("sft.jsonl"));
        assertEquals(Main.OK, export.exitCode(), export::toString);
    }

    @Test
    void importedAgentEpisodesAreJudgedWholeInTheirEnvironmentAgain() throws Exception {
        Path imported = dir.resolve("airline");
        CommandLineRun load = CommandLineRun.of("import", "--format", "tau-bench", "--in",
                ExampleData.tauBench("airline/trajectories_gpt4o.jsonl"), "--out", imported);
        assertEquals(Main.OK, load.exitCode(), load::toString);
        Path out = dir.resolve("airline-again");
        CommandLineRun again = CommandLineRun.of("score", "--run", imported, "--out", out);
        assertEquals(Main.OK, again.exitCode(), again::toString);
        List<JsonNode> before = ExportCommandTest.lines(imported.resolve("records.jsonl"));
        List<JsonNode> after = ExportCommandTest.lines(out.resolve("records.jsonl"));
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            ObjectNode expected = before.get(i).deepCopy();
            expected.put("run_id", after.get(i).get("run_id").textValue());
            assertEquals(expected, after.get(i), "episode " + i);
        }
    }

    @Test
    void anAddedConstraintFailsExactlyTheOutputsThatBreakIt() throws Exception {
        List<JsonNode> again = score(dir.resolve("no-comma"), "--add-constraint", "punctuation:no_comma");
        int changed = 0;
        for (int i = 0; i < records.size(); i++) {
            JsonNode before = records.get(i);
            JsonNode after = again.get(i);
            boolean comma = before.get("final_output").textValue().contains(",");
            assertEquals(before.get("passed").booleanValue() && !comma, after.get("passed").booleanValue(),
                    "record " + i);
            int count = before.get("constraints").size();
            assertEquals(count + 1, after.get("constraints").size());
            assertEquals("punctuation:no_comma", after.get("constraints").get(count).get("verifier").textValue());
            assertTrue(after.get("versions").get("verifiers").has("punctuation:no_comma"));
            assertEquals(before.get("final_output"), after.get("final_output"));
            assertEquals(before.get("record_id"), after.get("record_id"));
            changed += before.get("passed").booleanValue() != after.get("passed").booleanValue() ? 1 : 0;
            if (!before.get("constraints").equals(after.get("constraints"))) {
                assertNotEquals(before.get("task_hash"), after.get("task_hash"), "a new constraint set, a new task");
            }
        }
        assertTrue(changed > 0, "some passing answers use commas");
    }

    @Test
    void aConstraintsFileReplacesEachTasksConstraints() throws Exception {
        // every task keeps only its first instruction
        Path file = dir.resolve("first-only.jsonl");
        List<String> rows = new ArrayList<>();
        for (JsonNode row : ExportCommandTest.lines(ExampleData.ifeval("input_data.jsonl"))) {
            ObjectNode copy = row.deepCopy();
            ((ArrayNode) copy.get("instruction_id_list")).removeAll().add(row.get("instruction_id_list").get(0));
            ((ArrayNode) copy.get("kwargs")).removeAll().add(row.get("kwargs").get(0));
            rows.add(JSON.writeValueAsString(copy));
        }
        Files.write(file, rows);
        List<JsonNode> again = score(dir.resolve("first"), "--constraints", file);
        for (int i = 0; i < records.size(); i++) {
            JsonNode before = records.get(i);
            JsonNode after = again.get(i);
            assertEquals(1, after.get("constraints").size());
            JsonNode attempts = before.get("attempts");
            for (int a = 0; a < attempts.size(); a++) {
                JsonNode first = attempts.get(a).get("constraints").get(0);
                JsonNode now = after.get("attempts").get(a).get("constraints");
                assertEquals(1, now.size());
                assertEquals(first, now.get(0), "record " + i + " attempt " + a);
            }
            JsonNode last = lastKept(after);
            assertEquals(last.get("constraints").get(0).get("passed").booleanValue(),
                    after.get("passed").booleanValue());
            assertEquals(after.get("passed").booleanValue() ? 1.0 : 0.0, after.get("reward").get("value").doubleValue());
        }
    }

    private static JsonNode lastKept(JsonNode record) {
        JsonNode kept = null;
        for (JsonNode attempt : record.get("attempts")) {
            kept = attempt.path("rolled_back").asBoolean(false) ? kept : attempt;
        }
        return kept;
    }

    @Test
    void aTaskWithoutARowIsNamedByFileLineAndFieldAndNothingIsWritten() throws Exception {
        Path file = dir.resolve("short.jsonl");
        List<String> rows = Files.readAllLines(ExampleData.ifeval("input_data.jsonl"));
        Files.write(file, rows.subList(1, rows.size()));
        Path out = dir.resolve("short");
        CommandLineRun result = CommandLineRun.of("score", "--run", run, "--out", out, "--constraints", file);
        assertEquals(Main.BAD_INPUT, result.exitCode(), result::toString);
        // records are written as tasks complete: find the line of task 1000's record
        List<String> lines = Files.readAllLines(run.resolve("records.jsonl"));
        int line = 1;
        while (!lines.get(line - 1).contains("\"task_id\":\"1000\"")) {
            line++;
        }
        assertTrue(result.err().contains(run.resolve("records.jsonl") + ":" + line
                + ": task_id: task '1000' has no row in "), result::toString);
        assertFalse(Files.exists(out.resolve("records.jsonl")));
        assertFalse(Files.exists(out.resolve("manifest.json")));

        CommandLineRun bad = CommandLineRun.of("score", "--run", run, "--out", out, "--add-constraint",
                "punctuation:no_commas");
        assertEquals(Main.BAD_INPUT, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("punctuation:no_comma"), bad::toString);
    }
}
