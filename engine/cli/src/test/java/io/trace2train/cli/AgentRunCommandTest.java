package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} on agent tasks: what cannot run them is refused before any call, by its flag. */
class AgentRunCommandTest {

    @TempDir
    Path dir;

    @Test
    void aBackendWithoutToolCallingAndBadBudgetsAreRefusedByFlag() throws Exception {
        Path tasks = Files.write(dir.resolve("agent.jsonl"), List.of("{\"id\": \"a1\", \"prompt\": \"Hi.\","
                + " \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"get_user_details\"}}],"
                + " \"environment\": \"tau-airline\"}"));
        Path out = dir.resolve("run");

        CommandLineRun replay = CommandLineRun.of("run", "--tasks", tasks, "--backend", "replay", "--responses",
                ExampleData.ifeval("responses_gpt4.jsonl"), "--out", out);
        assertEquals(Main.BAD_INPUT, replay.exitCode(), replay::toString);
        assertTrue(replay.err().contains("--backend: backend 'replay' (model responses_gpt4.jsonl) does not support"
                + " tool calling"), replay::toString);
        assertFalse(Files.exists(out));

        CommandLineRun budgets = CommandLineRun.of("run", "--tasks", tasks, "--backend", "replay", "--responses",
                ExampleData.ifeval("responses_gpt4.jsonl"), "--out", out, "--max-steps", "0", "--max-tool-calls",
                "-1", "--max-tokens", "0", "--episode-timeout", "0");
        assertEquals(Main.BAD_INPUT, budgets.exitCode(), budgets::toString);
        assertTrue(budgets.err().contains("4 settings are wrong:\n  --max-steps must be at least 1, got 0\n"
                + "  --max-tool-calls must be 0 or more, got -1\n  --max-tokens must be at least 1, got 0\n"
                + "  --episode-timeout must be positive, got 0 s"), budgets::toString);
    }
}
