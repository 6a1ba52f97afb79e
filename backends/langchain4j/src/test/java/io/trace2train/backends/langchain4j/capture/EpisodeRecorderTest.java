package io.trace2train.backends.langchain4j.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the recorder writes: flush writes what is due, close writes everything, nothing twice. */
class EpisodeRecorderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LONG = Duration.ofDays(1);

    private static void respond(EpisodeRecorder recorder, String question, AiMessage answer) {
        ChatRequest request = ChatRequest.builder().messages(List.of(UserMessage.from(question))).build();
        recorder.onResponse(new ChatModelResponseContext(ChatResponse.builder().aiMessage(answer).build(), request,
                ModelProvider.OTHER, new HashMap<>()));
    }

    private static AiMessage toolCall() {
        return AiMessage.from(ToolExecutionRequest.builder().id("c1").name("add").arguments("{\"a\": 1}").build());
    }

    @Test
    void flushWritesOnlyConversationsPastTheirQuietPeriodAndCloseWritesTheRest(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("episodes.jsonl");
        EpisodeRecorder recorder = EpisodeRecorder.builder(file).quietPeriod(LONG).abandonedAfter(LONG).open();
        respond(recorder, "finished", AiMessage.from("done"));
        respond(recorder, "waiting", toolCall());
        recorder.flush();
        assertEquals(0, recorder.written());
        assertEquals(0, Files.size(file));
        recorder.close();
        assertEquals(2, recorder.written());
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        JsonNode finished = JSON.readTree(lines.get(0));
        assertEquals("done", finished.get("messages").get(1).get("content").asText());
        assertTrue(finished.get("metadata").get("complete").asBoolean());
        JsonNode waiting = JSON.readTree(lines.get(1));
        assertEquals("{\"a\": 1}", waiting.get("messages").get(1).get("tool_calls").get(0).get("function")
                .get("arguments").asText());
        assertEquals(false, waiting.get("metadata").get("complete").asBoolean());
    }

    @Test
    void aFinishedConversationIsWrittenOnceItsQuietPeriodHasPassed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("episodes.jsonl");
        try (EpisodeRecorder recorder = EpisodeRecorder.builder(file).quietPeriod(Duration.ZERO).abandonedAfter(LONG)
                .open()) {
            respond(recorder, "finished", AiMessage.from("done"));
            respond(recorder, "waiting", toolCall());
            recorder.flush();
            assertEquals(1, recorder.written());
            assertEquals(1, Files.readAllLines(file).size());
        }
        assertEquals(2, Files.readAllLines(file).size());
    }

    @Test
    void aClosedRecorderRefusesToFlushAndIgnoresLateCalls(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("episodes.jsonl");
        EpisodeRecorder recorder = EpisodeRecorder.open(file);
        recorder.close();
        recorder.close(); // a second close is harmless
        respond(recorder, "late", AiMessage.from("x"));
        IOException refused = assertThrows(IOException.class, recorder::flush);
        assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
        assertEquals(0, Files.size(file));
    }
}
