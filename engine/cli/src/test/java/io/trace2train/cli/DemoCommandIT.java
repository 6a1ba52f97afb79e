package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline demo on what the project ships: traces repaired, forks ranked, files exported. */
class DemoCommandIT {

    @TempDir
    Path dir;

    @Test
    void theWholeLoopRunsOnWhatTheProjectShips() throws Exception {
        Path out = dir.resolve("demo");
        CommandLineRun demo = CommandLineRun.of("demo", "--out", out, "--tasks", 12, "--rollout-tasks", 3,
                "--forks", 2);

        assertEquals(Main.OK, demo.exitCode(), demo::toString);
        assertTrue(demo.out().contains("GPT-4 traces (full_pcl)") && demo.out().contains("pass@2"), demo::toString);
        List<JsonNode> repaired = ExportCommandTest.lines(out.resolve("repair/records.jsonl"));
        assertEquals(12, repaired.size());
        for (JsonNode record : repaired) {
            assertEquals("replay+jlama", record.at("/model/backend").textValue(), "the record names both sources");
            assertEquals(0, record.at("/attempts/0/prompt_tokens").intValue(), "the first attempt is the recording");
        }
        assertEquals(6, ExportCommandTest.lines(out.resolve("rollouts/records.jsonl")).size());
        assertEquals(3, ExportCommandTest.lines(out.resolve("rollouts/ranking.jsonl")).size());
        for (String file : List.of("sft.jsonl", "dpo.jsonl", "kto.jsonl", "dpo-openai.jsonl",
                "dpo-openai.jsonl.meta.jsonl")) {
            assertFalse(ExportCommandTest.lines(out.resolve("export").resolve(file)).isEmpty(), file);
        }
        assertTrue(Files.readString(out.resolve("demo.log")).contains("$ trace2train rollouts"));

        // the agent part: the 200 shipped episodes imported, scored, ranked, exported with tools
        assertEquals(200, ExportCommandTest.lines(out.resolve("agent/records.jsonl")).size());
        List<JsonNode> ranking = ExportCommandTest.lines(out.resolve("agent/ranking.jsonl"));
        assertEquals(50, ranking.size());
        assertTrue(ranking.stream().allMatch(r -> r.get("forks").size() == 4));
        List<JsonNode> sft = ExportCommandTest.lines(out.resolve("export/agent-sft.jsonl"));
        assertEquals(84, sft.size(), "the episodes with state reward 1 that pass every hard constraint");
        assertTrue(sft.stream().allMatch(r -> r.get("tools").size() == 14 && r.get("messages").size() > 2));
        assertTrue(Files.exists(out.resolve("export/agent-dpo.jsonl")));
        assertTrue(ExportCommandTest.lines(out.resolve("export/agent-dpo.jsonl")).isEmpty(),
                "tau-bench's trials part at a user message");
        String log = Files.readString(out.resolve("demo.log"));
        assertTrue(log.contains("$ trace2train import --format tau-bench --in "), log);
        assertTrue(log.contains(": 200 of 200 episodes, 0 skipped, 84 pass every hard constraint"), log);
        assertTrue(log.contains("tool results: 1164 compared with the environment's, 120 differ"), log);
        assertTrue(log.contains("$ trace2train export --run " + out.resolve("agent") + " --format dpo --flavor trl"),
                log);
        assertTrue(demo.out().contains("200 imported, 85 with state reward 1, 84 pass every hard constraint"),
                demo::toString);
        assertTrue(demo.out().contains("50 tasks ranked"), demo::toString);
        assertTrue(demo.out().contains("1044 of 1164 logged tool results reproduced"), demo::toString);
        assertTrue(demo.out().contains("exported: 84 SFT rows with tools, 0 DPO pairs (")
                && demo.out().contains("make no pair: the episodes part at a user message"), demo::toString);

        CommandLineRun again = CommandLineRun.of("demo", "--out", out);
        assertEquals(Main.BAD_INPUT, again.exitCode(), again::toString);
        assertTrue(again.err().contains("is not empty"), again::toString);
    }
}
