package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollouts: forks with their own seeds, ranking, resume, and the training data they give. */
class RolloutsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The first {@code n} IFEval prompt rows whose key is in {@code keys} (all of them when keys is empty). */
    private Path tasks(int n, List<String> keys) throws Exception {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(ExampleData.ifeval("input_data.jsonl"))) {
            if (rows.size() < n && (keys.isEmpty() || keys.contains(JSON.readTree(line).get("key").asText()))) {
                rows.add(line);
            }
        }
        Path file = dir.resolve("tasks-" + n + ".jsonl");
        Files.write(file, rows);
        return file;
    }

    private static CommandLineRun ok(Object... args) {
        CommandLineRun run = CommandLineRun.of(args);
        assertEquals(Main.OK, run.exitCode(), run::toString);
        return run;
    }

    @Test
    void replayedForksRankResumeAndDeduplicate() throws Exception {
        Path tasks = tasks(20, List.of());
        Path out = dir.resolve("ro");
        CommandLineRun first = ok("rollouts", "--tasks", tasks, "--forks", 3, "--backend", "replay", "--responses",
                ExampleData.ifeval("responses_gpt4.jsonl"), "--out", out);
        assertTrue(first.out().contains("ranked 20 tasks"), first::toString);
        List<JsonNode> ranking = ExportCommandTest.lines(out.resolve("ranking.jsonl"));
        assertEquals(20, ranking.size());
        assertTrue(ranking.stream().allMatch(r -> r.get("forks").size() == 3));

        // a kill mid-append leaves a torn line: resume cuts it and runs only the forks without a whole record
        List<String> lines = Files.readAllLines(out.resolve("records.jsonl"));
        Files.write(out.resolve("records.jsonl"), lines.subList(0, 25));
        Files.writeString(out.resolve("records.jsonl"), lines.get(25).substring(0, 100), StandardOpenOption.APPEND);
        CommandLineRun resumed = ok("rollouts", "--tasks", tasks, "--resume", out);
        assertTrue(resumed.out().contains("35 ran now (25 already done)"), resumed::toString);
        List<JsonNode> records = ExportCommandTest.lines(out.resolve("records.jsonl"));
        Set<String> keys = new HashSet<>();
        records.forEach(r -> keys.add(r.get("task_id").asText() + "#" + r.at("/fork/index").asInt()));
        assertEquals(60, records.size());
        assertEquals(60, keys.size(), "every fork exactly once");

        // the replayed answer is the same in every fork: de-duplication keeps one row per prompt
        long passingTasks = ranking.stream().filter(r -> r.at("/forks/0/passed").booleanValue()).count();
        Path sft = dir.resolve("sft.jsonl");
        ok("export", "--run", out, "--format", "sft", "--out", sft);
        assertEquals(passingTasks, Files.readAllLines(sft).size());
        CommandLineRun refused = CommandLineRun.of("export", "--run", out, "--format", "sft", "--out", sft,
                "--keep-duplicates");
        assertEquals(Main.BAD_INPUT, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains(sft + " already exists: choose another --out file, or replace it with"
                + " --overwrite"), refused::toString);
        assertEquals(passingTasks, Files.readAllLines(sft).size());
        ok("export", "--run", out, "--format", "sft", "--out", sft, "--keep-duplicates", "--overwrite");
        assertEquals(3 * passingTasks, Files.readAllLines(sft).size());
        ok("export", "--run", out, "--format", "sft", "--out", sft, "--keep-duplicates", "--max-per-task", 2,
                "--overwrite");
        assertEquals(2 * passingTasks, Files.readAllLines(sft).size());
    }

    /**
     * The issue's check: stories260K at temperature 1.0, 4 forks of a handful of IFEval tasks; forks differ, and each
     * DPO row's chosen text passes all its task's hard constraints and its rejected text fails one, as {@code verify}
     * judges them on their own.
     */
    @Test
    void aForkCountPastTheMostIsBadInputBeforeAnythingRuns() throws Exception {
        Path out = dir.resolve("too-many");
        CommandLineRun run = CommandLineRun.of("rollouts", "--tasks", tasks(2, List.of()), "--forks", 2_000_000_000,
                "--backend", "replay", "--responses", ExampleData.ifeval("responses_gpt4.jsonl"), "--out", out);
        assertEquals(Main.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--forks must be between 1 and 10000, got 2000000000"), run::toString);
        assertFalse(Files.exists(out), "nothing is written for a run that cannot start");
    }

    @Test
    void localModelForksDifferAndEveryPreferencePairHoldsUnderVerify() throws Exception {
        Path tasks = tasks(6, List.of("1001", "1162", "1187", "1072", "1092", "1147"));
        Map<String, JsonNode> prompts = new HashMap<>();
        for (JsonNode row : ExportCommandTest.lines(tasks)) {
            prompts.put(row.get("prompt").textValue(), row);
        }
        int pairs = 0;
        for (String mode : List.of("direct", "full_pcl")) {
            Path out = dir.resolve(mode);
            ok("rollouts", "--tasks", tasks, "--forks", 4, "--temperature", "1.0", "--mode", mode, "--backend",
                    "jlama", "--option", "model-dir=" + ExampleData.model("stories260K"), "--option", "raw=true",
                    "--max-new-tokens", 48, "--out", out);
            Map<String, Set<String>> textsByTask = new HashMap<>();
            for (JsonNode record : ExportCommandTest.lines(out.resolve("records.jsonl"))) {
                textsByTask.computeIfAbsent(record.get("task_id").asText(), t -> new HashSet<>())
                        .add(record.at("/attempts/0/output").textValue());
            }
            assertEquals(6, textsByTask.size());
            textsByTask.forEach((task, texts) -> assertEquals(4, texts.size(), "4 different first drafts of " + task));

            Path dpo = dir.resolve(mode + "-dpo.jsonl");
            ok("export", "--run", out, "--format", "dpo", "--option", "max-pairs=1", "--out", dpo);
            List<JsonNode> rows = ExportCommandTest.lines(dpo);
            pairs += rows.size();
            if (!rows.isEmpty()) {
                assertEquals(rows.size(), verified(rows, "chosen", prompts), mode + ": every chosen text passes");
                assertEquals(0, verified(rows, "rejected", prompts), mode + ": every rejected text fails one");
            }
        }
        assertTrue(pairs > 0, "the forks and repairs gave preference pairs");
    }

    /** How many of the rows' {@code side} texts `verify` finds following all instructions (strict). */
    private long verified(List<JsonNode> rows, String side, Map<String, JsonNode> prompts) throws Exception {
        Path folder = dir.resolve("verify-" + side + "-" + System.nanoTime());
        Files.createDirectories(folder);
        List<String> promptRows = new ArrayList<>();
        List<String> responses = new ArrayList<>();
        for (JsonNode row : rows) {
            String prompt = row.at("/prompt/0/content").textValue();
            promptRows.add(JSON.writeValueAsString(prompts.get(prompt)));
            ObjectNode response = JSON.createObjectNode();
            response.put("prompt", prompt);
            response.put("response", row.at("/" + side + "/0/content").textValue());
            responses.add(JSON.writeValueAsString(response));
        }
        assertEquals(rows.size(), new HashSet<>(promptRows).size(), "one row per task with max-pairs=1");
        Files.write(folder.resolve("prompts.jsonl"), promptRows);
        Files.write(folder.resolve("responses.jsonl"), responses);
        ok("verify", "--prompts", folder.resolve("prompts.jsonl"), "--responses", folder.resolve("responses.jsonl"),
                "--out", folder);
        List<JsonNode> strict = ExportCommandTest.lines(folder.resolve("eval_results_strict.jsonl"));
        assertFalse(strict.isEmpty());
        return strict.stream().filter(r -> r.get("follow_all_instructions").booleanValue()).count();
    }
}
