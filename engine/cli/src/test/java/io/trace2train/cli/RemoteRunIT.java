package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.testing.OpenAiLoopbackServer;
import io.trace2train.testing.OpenAiLoopbackServer.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `run` against an OpenAI-compatible endpoint (a loopback server speaking the protocol), through LangChain4j. */
class RemoteRunIT {

    @TempDir
    Path dir;

    @Test
    void promptRetryAgainstAnEndpointRetriesRateLimitsAndRecordsTokensAndSeeds() throws Exception {
        Path tasks = Files.writeString(dir.resolve("tasks.jsonl"), "{\"id\": \"cats\", \"prompt\": \"List two cats."
                + " No commas.\", \"constraints\": [{\"verifier\": \"punctuation:no_comma\"}]}\n");
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer(Answer.error(429),
                Answer.completion("Tom, Felix", 12, 4), Answer.completion("Tom and Felix", 40, 5))) {
            CommandLineRun run = CommandLineRun.of("run", "--tasks", tasks, "--mode", "prompt_retry", "--backend",
                    "langchain4j", "--option", "base-url=" + server.baseUrl(), "--option", "model=qwen-test",
                    "--seed", "7", "--temperature", "0.5", "--out", dir.resolve("run"));
            assertEquals(Main.OK, run.exitCode(), run::toString);

            JsonNode record = new ObjectMapper().readTree(Files.readString(dir.resolve("run/records.jsonl")));
            assertTrue(record.get("passed").booleanValue(), record::toString);
            assertEquals("Tom and Felix", record.get("final_output").textValue());
            assertEquals("Tom, Felix", record.at("/attempts/0/output").textValue(), "the real first draft");
            assertEquals(2, record.get("attempts").size());
            assertEquals(52, record.at("/tokens/prompt").intValue());
            assertEquals(9, record.at("/tokens/completion").intValue());
            assertEquals(45, record.at("/tokens/repair").intValue());
            assertEquals("langchain4j", record.at("/model/backend").textValue());
            assertEquals(3, server.bodies().size(), "the 429 was retried");
            assertEquals(7, server.bodies().get(1).get("seed").intValue(), "the first generation uses the run seed");
            assertEquals(record.at("/attempts/1/seed").longValue(), server.bodies().get(2).get("seed").longValue());
            assertTrue(server.bodies().get(2).get("messages").get(1).get("content").textValue()
                    .contains("punctuation:no_comma"), "the retry carried the feedback");
        }
    }
}
