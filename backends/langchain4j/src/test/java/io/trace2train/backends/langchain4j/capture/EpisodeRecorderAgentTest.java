package io.trace2train.backends.langchain4j.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.trace2train.testing.OpenAiLoopbackServer;
import io.trace2train.testing.OpenAiLoopbackServer.Answer;
import io.trace2train.testing.OpenAiLoopbackServer.ToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real LangChain4j agent ({@code AiServices} with {@code @Tool} methods) against the loopback OpenAI-compatible
 * server, many conversations on several threads at once, recorded by {@link EpisodeRecorder}: every line of the file
 * must be one whole conversation in the OpenAI chat format, each tool call answered, the final answer present, and no
 * conversation written twice or in part.
 */
class EpisodeRecorderAgentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONVERSATION = Pattern.compile("Conversation (\\d+)");
    private static final int CONVERSATIONS = 24;
    private static final int CHATS = 3;

    interface Assistant {
        @SystemMessage("Answer with the tools.")
        String answer(String question);
    }

    interface Chat {
        @SystemMessage("Answer with the tools.")
        String chat(@MemoryId int user, @UserMessage String text);
    }

    static final class Tools {
        @Tool("Adds two integers")
        int add(@P("the first") int a, @P("the second") int b) {
            return a + b;
        }

        @Tool("Today's temperature in a city, degrees Celsius")
        int temperature(@P("the city") String city) {
            return city.length() * 3;
        }
    }

    /**
     * The served model: in each turn it first calls both tools at once (add N+2, the temperature in Paris), then adds
     * one to the sum, then answers with the numbers the tools returned.
     */
    private static Answer respond(JsonNode body) {
        JsonNode messages = body.get("messages");
        int lastUser = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).get("role").asText().equals("user")) {
                lastUser = i;
            }
        }
        Matcher matcher = CONVERSATION.matcher(messages.get(lastUser).get("content").asText());
        assertTrue(matcher.find());
        String n = matcher.group(1);
        String turn = n + "-" + lastUser;
        Map<String, String> results = new HashMap<>();
        for (int i = lastUser + 1; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (message.get("role").asText().equals("tool")) {
                results.put(message.get("tool_call_id").asText(), message.get("content").asText());
            }
        }
        List<String> add = parameterNames(body, "add");
        String city = parameterNames(body, "temperature").getFirst();
        return switch (results.size()) {
            case 0 -> Answer.toolCalls(List.of(
                    new ToolCall("add-" + turn, "add", addArguments(add, n, "2")),
                    new ToolCall("temp-" + turn, "temperature", "{\"" + city + "\": \"Paris\"}")));
            case 2 -> Answer.toolCalls(List.of(new ToolCall("again-" + turn, "add",
                    addArguments(add, results.get("add-" + turn), "1"))));
            default -> Answer.completion(finalAnswer(n, results.get("again-" + turn), results.get("temp-" + turn)),
                    20, 8);
        };
    }

    /** The tool's parameter names as the request's tool definitions give them (arg0... without {@code -parameters}). */
    private static List<String> parameterNames(JsonNode body, String tool) {
        for (JsonNode definition : body.get("tools")) {
            if (definition.get("function").get("name").asText().equals(tool)) {
                List<String> names = new ArrayList<>();
                definition.get("function").get("parameters").get("properties").fieldNames().forEachRemaining(names::add);
                return names;
            }
        }
        throw new AssertionError("no tool " + tool + " offered");
    }

    private static String addArguments(List<String> names, String a, String b) {
        return "{\"" + names.get(0) + "\": " + a + ", \"" + names.get(1) + "\": " + b + "}";
    }

    private static String finalAnswer(String n, String sum, String temperature) {
        return "Conversation " + n + ": " + sum + ", and " + temperature + " degrees in Paris.";
    }

    @Test
    void everyConversationOfAToolUsingAgentIsOneWholeEpisode(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("episodes.jsonl");
        List<String> answers = new ArrayList<>();
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer().respondWith(
                EpisodeRecorderAgentTest::respond)) {
            // a day's quiet period: however slow the machine, both turns of a chat are seen before anything is due
            EpisodeRecorder recorder = EpisodeRecorder.builder(file).quietPeriod(Duration.ofDays(1)).open();
            ChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("test").modelName("agent")
                    .maxRetries(0).listeners(List.of(recorder)).build();
            Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).tools(new Tools()).build();
            Chat chat = AiServices.builder(Chat.class).chatModel(model).tools(new Tools())
                    .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(100)).build();
            ExecutorService threads = Executors.newFixedThreadPool(6);
            try {
                List<Future<String>> calls = new ArrayList<>();
                for (int i = 0; i < CONVERSATIONS; i++) {
                    int n = i;
                    calls.add(threads.submit(() -> assistant.answer("Conversation " + n + ": add " + n + " and 2,"
                            + " then one more, and say how warm Paris is.")));
                }
                for (int c = 0; c < CHATS; c++) {
                    int n = 100 + c;
                    // two turns in one chat memory: one conversation, written once with both turns
                    calls.add(threads.submit(() -> chat.chat(n, "Conversation " + n + ": add " + n + " and 2.")
                            + " | " + chat.chat(n, "Conversation " + n + " again, please.")));
                }
                for (Future<String> call : calls) {
                    answers.add(call.get());
                }
            } finally {
                threads.shutdown();
            }
            recorder.close();
        }
        assertEquals("Conversation 5: 8, and 15 degrees in Paris.", answers.get(5));

        List<String> lines = Files.readAllLines(file);
        assertEquals(CONVERSATIONS + CHATS, lines.size(), "one line per conversation, no partial copies");
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            JsonNode episode = JSON.readTree(line);
            assertEquals(Set.of("messages", "tools", "metadata"), fieldNames(episode));
            JsonNode messages = episode.get("messages");
            assertEquals("system", messages.get(0).get("role").asText());
            assertEquals("Answer with the tools.", messages.get(0).get("content").asText());
            Matcher matcher = CONVERSATION.matcher(messages.get(1).get("content").asText());
            assertTrue(matcher.find());
            int n = Integer.parseInt(matcher.group(1));
            assertTrue(seen.add(matcher.group(1)), "conversation " + n + " written twice");
            int turns = n >= 100 ? 2 : 1;
            assertEquals(1 + 7 * turns, messages.size(), line);
            for (int t = 0; t < turns; t++) {
                assertTurn(messages, 1 + 7 * t, n);
            }
            assertEquals(List.of("user", "assistant", "tool", "tool", "assistant", "tool", "assistant"),
                    roles(messages, 1, 8));
            JsonNode tools = episode.get("tools");
            assertEquals(2, tools.size());
            Set<String> names = new HashSet<>();
            for (JsonNode tool : tools) {
                assertEquals("function", tool.get("type").asText());
                names.add(tool.get("function").get("name").asText());
                assertFalse(tool.get("function").get("description").asText().isEmpty());
                assertEquals("object", tool.get("function").get("parameters").get("type").asText());
                assertTrue(tool.get("function").get("parameters").get("properties").size() >= 1);
            }
            assertEquals(Set.of("add", "temperature"), names);
            JsonNode metadata = episode.get("metadata");
            assertTrue(metadata.get("complete").asBoolean());
            assertEquals(3 * turns, metadata.get("model_calls").asInt());
            assertEquals(3 * turns * 10 + 20 * turns - 10 * turns, metadata.get("input_tokens").asInt());
        }
        assertEquals(CONVERSATIONS + CHATS, seen.size());
    }

    /** One turn from {@code start} (its user message): parallel calls, their results, one more call, the answer. */
    private static void assertTurn(JsonNode messages, int start, int n) {
        assertEquals("user", messages.get(start).get("role").asText());
        JsonNode parallel = messages.get(start + 1);
        assertEquals("assistant", parallel.get("role").asText());
        assertTrue(parallel.get("content").isNull());
        JsonNode calls = parallel.get("tool_calls");
        assertEquals(2, calls.size());
        assertEquals("function", calls.get(0).get("type").asText());
        assertEquals("add", calls.get(0).get("function").get("name").asText());
        assertTrue(calls.get(0).get("function").get("arguments").asText().matches("\\{\"\\w+\": " + n + ", \"\\w+\": 2}"),
                calls.get(0).toString());
        // every call is answered by a tool message naming it, in order
        for (int i = 0; i < 2; i++) {
            JsonNode result = messages.get(start + 2 + i);
            assertEquals(calls.get(i).get("id").asText(), result.get("tool_call_id").asText());
            assertEquals(calls.get(i).get("function").get("name").asText(), result.get("name").asText());
        }
        assertEquals(String.valueOf(n + 2), messages.get(start + 2).get("content").asText());
        assertEquals("15", messages.get(start + 3).get("content").asText());
        JsonNode again = messages.get(start + 4).get("tool_calls");
        assertEquals(1, again.size());
        assertEquals(again.get(0).get("id").asText(), messages.get(start + 5).get("tool_call_id").asText());
        assertEquals(String.valueOf(n + 3), messages.get(start + 5).get("content").asText());
        JsonNode last = messages.get(start + 6);
        assertEquals("assistant", last.get("role").asText());
        assertFalse(last.has("tool_calls"));
        assertNotNull(last.get("content"));
        assertEquals(finalAnswer(String.valueOf(n), String.valueOf(n + 3), "15"), last.get("content").asText());
    }

    private static List<String> roles(JsonNode messages, int from, int to) {
        List<String> roles = new ArrayList<>();
        for (int i = from; i < to; i++) {
            roles.add(messages.get(i).get("role").asText());
        }
        return roles;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
