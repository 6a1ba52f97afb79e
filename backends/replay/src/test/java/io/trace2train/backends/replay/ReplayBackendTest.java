package io.trace2train.backends.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayBackendTest {

    private static final Path GPT4 = ExampleData.ifeval("responses_gpt4.jsonl");

    @TempDir
    Path dir;

    private static GenerationRequest ask(String taskId, ChatMessage... messages) {
        return new GenerationRequest(taskId, List.of(messages), GenerationSettings.defaults());
    }

    @Test
    void answersIfevalPromptsWithTheRecordedGpt4Response() throws Exception {
        assertTrue(Files.isRegularFile(GPT4), "test data missing: " + GPT4.toAbsolutePath());
        var first = new ObjectMapper().readTree(Files.readAllLines(GPT4).getFirst());
        ReplayBackend replay = ReplayBackend.load(GPT4);

        var answer = replay.generate(ask("1000", ChatMessage.user(first.get("prompt").textValue())));

        assertEquals(first.get("response").textValue(), answer.text());
        assertEquals(0, answer.promptTokens());
        assertFalse(replay.canGenerate());
        assertEquals("replay", replay.model().backend());
        assertEquals("responses_gpt4.jsonl", replay.model().name());
        assertTrue(replay.model().revision().matches("sha256:[0-9a-f]{64}"), replay.model().revision());
        assertEquals(replay.model(), ReplayBackend.load(GPT4).model(), "the digest pins the file");
    }

    @Test
    void aPreviousRunsRecordsReplayTheFirstAttemptByTaskId() throws Exception {
        Path records = Files.writeString(dir.resolve("records.jsonl"), """
                {"schema_version": "compliance-eval-record/v1", "task_id": "a", "attempts": [{"output": "draft"}, {"output": "fixed"}]}
                """);
        assertEquals("draft", ReplayBackend.load(records).generate(ask("a", ChatMessage.user("anything"))).text());
    }

    @Test
    void refusesRetriesAndRepairsAndMissingAnswers() throws Exception {
        Path file = Files.writeString(dir.resolve("r.jsonl"), "{\"prompt\": \"p\", \"response\": \"r\"}\n");
        ReplayBackend replay = ReplayBackend.load(file);

        BackendException repair = assertThrows(BackendException.class, () -> replay.generate(ask("t",
                ChatMessage.user("p"), ChatMessage.assistant("r"), ChatMessage.user("fix it"))));
        assertFalse(repair.retriable());
        assertTrue(repair.getMessage().contains("no model"), repair.getMessage());

        BackendException missing = assertThrows(BackendException.class, () -> replay.generate(ask("t",
                ChatMessage.user("other"))));
        assertTrue(missing.getMessage().contains("no recorded response for task t"), missing.getMessage());
    }

    @Test
    void badLinesAreReportedAsFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), "{\"prompt\": \"p\", \"response\": \"r\"}\n{oops\n"
                + "{\"prompt\": 1}\n");
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () -> ReplayBackend.load(file));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).message().startsWith(file + ":2: not valid JSON"), e.getMessage());
        assertTrue(e.problems().get(1).message().startsWith(file + ":3: expected a {prompt, response} row"),
                e.getMessage());
    }

    @Test
    void aSecondObjectOrADuplicateKeyOnALineIsAProblemNotADroppedAnswer() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), "{\"prompt\": \"p\", \"response\": \"r\"}"
                + " {\"prompt\": \"q\", \"response\": \"s\"}\n"
                + "{\"prompt\": \"p\", \"response\": \"r1\", \"response\": \"r2\"}\n");
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () -> ReplayBackend.load(file));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).message().startsWith(file + ":1: not valid JSON: Trailing token"),
                e.getMessage());
        assertTrue(e.problems().get(1).message().startsWith(file + ":2: not valid JSON: Duplicate field 'response'"),
                e.getMessage());
    }
}
