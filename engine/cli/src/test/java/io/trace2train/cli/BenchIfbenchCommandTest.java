package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench ifeval --dataset ifbench} and {@code bench verify --dataset ifbench}: IFBench's figures, as verify's. */
class BenchIfbenchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void replayedSampleResponsesGiveVerifysFiguresInDirectMode() throws Exception {
        Path out = dir.resolve("ifbench");
        CommandLineRun run = CommandLineRun.of("bench", "ifeval", "--dataset", "ifbench", "--backend", "replay",
                "--responses", ExampleData.ifbench("sample_output.jsonl"), "--modes", "direct", "--limit", 0,
                "--seeds", 1, "--out", out);
        assertEquals(Main.OK, run.exitCode(), run::toString);

        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
        assertTrue(results.at("/dataset/file").asText().endsWith("IFBench_test.jsonl"), results::toString);
        JsonNode direct = results.get("modes").get(0);
        JsonNode seed = direct.get("per_seed").get(0);
        // verify's figures over the 300 test prompts (VerifyIfbenchTest): the 7 without a response fail, as there
        List<Integer> figures = List.of(direct.get("prompts").asInt(), seed.get("strict_prompt_passed").asInt(),
                seed.get("loose_prompt_passed").asInt(), seed.get("instructions").asInt(),
                seed.get("strict_instruction_followed").asInt(), seed.get("loose_instruction_followed").asInt());
        assertEquals(List.of(300, 76, 86, 344, 92, 107), figures);
        assertEquals(0, results.get("strict_disagreements").asInt());
        // the sample keeps IFBench's string keys as written
        List<String> keys = new ArrayList<>();
        results.at("/sample/keys").forEach(k -> keys.add(k.isTextual() ? k.textValue() : "not a string: " + k));
        assertEquals(300, keys.size());
        assertEquals("0", keys.getFirst());
        assertTrue(Files.readString(out.resolve("sample.jsonl")).startsWith("{\"key\":\"0\","));
        assertTrue(Files.readString(out.resolve("results.md")).contains("| count:numbers |"));
        assertTrue(Files.isRegularFile(out.resolve("chart.svg")));
    }

    @Test
    void benchVerifyTimesIfbenchsShippedSet() {
        CommandLineRun run = CommandLineRun.of("bench", "verify", "--dataset", "ifbench", "--seconds", 1);
        assertEquals(Main.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("verify 300 prompts (344 instructions)")
                && run.out().contains("(strict prompt-level 76/300, loose 86/300)"), run::toString);
    }
}
