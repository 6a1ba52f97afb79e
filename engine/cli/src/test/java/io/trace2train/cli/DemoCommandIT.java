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

        CommandLineRun again = CommandLineRun.of("demo", "--out", out);
        assertEquals(Main.BAD_INPUT, again.exitCode(), again::toString);
        assertTrue(again.err().contains("is not empty"), again::toString);
    }
}
