package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compliance run on IFEval's 541 prompts with the GPT-4 responses replayed. */
class RunCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CommandLineRun run(String mode, Path out) {
        return CommandLineRun.of("run", "--tasks", ExampleData.ifeval("input_data.jsonl"), "--mode", mode,
                "--backend", "replay", "--responses", ExampleData.ifeval("responses_gpt4.jsonl"), "--out", out);
    }

    private static List<JsonNode> records(Path out) throws Exception {
        return Files.readAllLines(out.resolve("records.jsonl")).stream().map(RunCommandIT::parse).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("unparseable record line: " + line, e);
        }
    }

    @Test
    void directGivesTheStrictVerdictsOfVerifyAndFullPclPassesMoreWithValidRecords() throws Exception {
        CommandLineRun direct = run("direct", dir.resolve("direct"));
        assertEquals(Main.OK, direct.exitCode(), direct::toString);
        List<JsonNode> records = records(dir.resolve("direct"));
        assertEquals(541, records.size());
        assertEquals(417, records.stream().filter(r -> r.get("passed").booleanValue()).count());

        // the same verdicts as `verify`, instruction by instruction
        CommandLineRun verify = CommandLineRun.of("verify", "--prompts", ExampleData.ifeval("input_data.jsonl"),
                "--responses", ExampleData.ifeval("responses_gpt4.jsonl"), "--out", dir.resolve("verify"));
        assertEquals(Main.OK, verify.exitCode(), verify::toString);
        Map<String, JsonNode> strictByPrompt = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("verify/eval_results_strict.jsonl"))) {
            JsonNode row = JSON.readTree(line);
            strictByPrompt.put(row.get("prompt").textValue(), row.get("follow_instruction_list"));
        }
        for (JsonNode record : records) {
            JsonNode expected = strictByPrompt.get(record.at("/prompt_messages/0/content").textValue());
            JsonNode constraints = record.at("/attempts/0/constraints");
            for (int i = 0; i < constraints.size(); i++) {
                assertEquals(expected.get(i).booleanValue(), constraints.get(i).get("passed").booleanValue(),
                        "task " + record.get("task_id") + " constraint " + i);
            }
        }

        CommandLineRun full = run("full_pcl", dir.resolve("full"));
        assertEquals(Main.OK, full.exitCode(), full::toString);
        List<JsonNode> repaired = records(dir.resolve("full"));
        long passed = repaired.stream().filter(r -> r.get("passed").booleanValue()).count();
        assertTrue(passed > 417, "full_pcl passed " + passed);
        // a repair trace holds the real draft, then the patched text
        JsonNode patched = repaired.stream().filter(r -> r.get("attempts").size() > 1).findFirst().orElseThrow();
        assertEquals(patched.at("/attempts/0/output").textValue().isEmpty(), false);
        assertTrue(patched.at("/attempts/1/strategy").textValue().startsWith("patch:"), patched.toString());
        assertTrue(repaired.stream().allMatch(r -> r.get("notes").toString().contains("has no model")
                || r.get("passed").booleanValue() || r.get("notes").size() > 0));

        CommandLineRun validate = CommandLineRun.of("validate", dir.resolve("full/records.jsonl"),
                dir.resolve("direct/records.jsonl"));
        assertEquals(Main.OK, validate.exitCode(), validate::toString);
        assertTrue(validate.out().contains("1082 records, 0 invalid"), validate::toString);
    }

    @Test
    void resumeSkipsFinishedTasksAndCutsATornLine() throws Exception {
        Path out = dir.resolve("run");
        assertEquals(Main.OK, run("direct", out).exitCode());
        Path records = out.resolve("records.jsonl");
        List<String> lines = Files.readAllLines(records);
        // as if killed: 400 whole records and half of the next one
        Files.writeString(records, String.join("\n", lines.subList(0, 400)) + "\n"
                + lines.get(400).substring(0, 100));

        CommandLineRun resumed = CommandLineRun.of("run", "--tasks", ExampleData.ifeval("input_data.jsonl"),
                "--resume", out, "--responses", ExampleData.ifeval("responses_gpt4.jsonl"));
        assertEquals(Main.OK, resumed.exitCode(), resumed::toString);
        assertTrue(resumed.err().contains("cut a torn last line of 100 bytes"), resumed::toString);
        assertTrue(resumed.out().contains("141 ran now (400 already done)"), resumed::toString);
        List<JsonNode> all = records(out);
        assertEquals(541, all.size());
        assertEquals(541, all.stream().map(r -> r.get("task_id").textValue()).distinct().count());
        assertEquals(1, all.stream().map(r -> r.get("run_id").textValue()).distinct().count());

        CommandLineRun again = CommandLineRun.of("run", "--tasks", ExampleData.ifeval("input_data.jsonl"),
                "--resume", out, "--responses", ExampleData.ifeval("responses_gpt4.jsonl"));
        assertTrue(again.out().contains("0 ran now (541 already done)"), again::toString);
        assertEquals(541, records(out).size());
    }

    @Test
    void aRunawayRegexConstraintIsRecordedNotCheckableAndTheRecordValidates() throws Exception {
        Path tasks = Files.writeString(dir.resolve("tasks.jsonl"), "{\"id\": \"a\", \"prompt\": \"Say x\", "
                + "\"constraints\": [{\"verifier\": \"keywords:existence\", \"args\": {\"keywords\": "
                + "[\"(x+x+)+y\"]}}, {\"verifier\": \"punctuation:no_comma\"}]}\n");
        Path answers = Files.writeString(dir.resolve("answers.jsonl"), "{\"prompt\": \"Say x\", \"response\": \""
                + "x".repeat(3_000) + "\"}\n");
        CommandLineRun run = CommandLineRun.of("run", "--tasks", tasks, "--mode", "direct", "--backend", "replay",
                "--responses", answers, "--out", dir.resolve("out"));
        assertEquals(Main.OK, run.exitCode(), run::toString);
        JsonNode record = records(dir.resolve("out")).get(0);
        assertEquals("[0]", record.get("final_violations").toString(), record::toString);
        JsonNode constraints = record.get("attempts").get(0).get("constraints");
        assertEquals("not_checkable", constraints.get(0).get("status").asText(), record::toString);
        assertTrue(constraints.get(1).get("status") == null, record::toString); // decided: as before
        CommandLineRun validate = CommandLineRun.of("validate", dir.resolve("out/records.jsonl"));
        assertEquals(Main.OK, validate.exitCode(), validate::toString);
    }

    @Test
    void numbersOutOfRangeAreBadInputNamingTheField() throws Exception {
        Path tasks = Files.writeString(dir.resolve("tasks.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"prompt\": \"x\", \"constraints\": [{\"verifier\": "
                        + "\"length_constraints:nth_paragraph_first_word\", \"args\": {\"first_word\": \"hi\", "
                        + "\"num_paragraphs\": 4, \"nth_paragraph\": 3000000000}}]}",
                "{\"id\": \"b\", \"prompt\": \"x\", \"constraints\": [{\"verifier\": \"punctuation:no_comma\", "
                        + "\"weight\": 1e308}]}",
                ""));
        CommandLineRun run = CommandLineRun.of("run", "--tasks", tasks, "--backend", "replay", "--responses",
                ExampleData.ifeval("responses_gpt4.jsonl"), "--out", dir.resolve("out"));
        assertEquals(Main.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains(tasks + ":1: constraints[0].args.nth_paragraph:"), run::toString);
        assertTrue(run.err().contains(tasks + ":2: constraints[0].weight: expected a number greater than 0 and at"
                + " most 1000000"), run::toString);
    }

    @Test
    void badInputIsReportedWithExitTwo() throws Exception {
        Path tasks = Files.writeString(dir.resolve("tasks.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"prompt\": \"Say hi\", \"constraints\": [{\"verifier\": \"punctuation:no_comma\"}]}",
                "{\"id\": \"a\", \"prompt\": \"Again\"}",
                "{\"id\": \"b\", \"prompt\": \"x\", \"messages\": [], \"constraints\": [{\"verifier\": \"punctuation:no_commas\", \"level\": \"medium\"}]}",
                "{\"id\": \"c\", \"prompt\": \"x\", \"constraints\": [{\"verifier\": \"length_constraints:number_words\", \"args\": {\"num_words\": \"ten\", \"relation\": \"at least\"}}]}",
                ""));
        CommandLineRun run = CommandLineRun.of("run", "--tasks", tasks, "--backend", "replay", "--responses",
                ExampleData.ifeval("responses_gpt4.jsonl"), "--out", dir.resolve("out"));
        assertEquals(Main.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains(tasks + ":2: id: duplicate task id 'a' (first on line 1)"), run::toString);
        assertTrue(run.err().contains(tasks + ":3: messages: give exactly one of 'prompt' and 'messages'"), run::toString);
        assertTrue(run.err().contains(tasks + ":3: constraints[0].level: unknown level 'medium'"), run::toString);
        assertTrue(run.err().contains(tasks + ":4: constraints[0].args.num_words: length_constraints:number_words:"
                + " expected an integer but got \"ten\""), run::toString);

        CommandLineRun unknownBackend = CommandLineRun.of("run", "--tasks", ExampleData.ifeval("input_data.jsonl"),
                "--backend", "replai", "--out", dir.resolve("out2"));
        assertEquals(Main.BAD_INPUT, unknownBackend.exitCode(), unknownBackend::toString);
        assertTrue(unknownBackend.err().contains("unknown backend 'replai'; did you mean replay?"),
                unknownBackend::toString);

        CommandLineRun missingOption = CommandLineRun.of("run", "--tasks", ExampleData.ifeval("input_data.jsonl"),
                "--backend", "replay", "--option", "response=x", "--out", dir.resolve("out3"));
        assertEquals(Main.BAD_INPUT, missingOption.exitCode(), missingOption::toString);
        assertTrue(missingOption.err().contains("argument 'response': unknown option; did you mean [responses]?"),
                missingOption::toString);
        assertTrue(!Files.exists(dir.resolve("out3")), "a run that cannot start leaves no run folder behind");
    }
}
