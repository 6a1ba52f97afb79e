package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.Episode;
import io.trace2train.api.task.Role;
import io.trace2train.backends.langchain4j.capture.EpisodeRecorder;
import io.trace2train.engine.Engine;
import io.trace2train.engine.ImportResult;
import io.trace2train.engine.ImportSpec;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.testing.OpenAiLoopbackServer;
import io.trace2train.testing.OpenAiLoopbackServer.Answer;
import io.trace2train.testing.OpenAiLoopbackServer.ToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture, then import: a real LangChain4j agent ({@code AiServices} with {@code @Tool} methods) against the loopback
 * OpenAI-compatible server, which answers with tool calls (two at once, then one), recorded by
 * {@link EpisodeRecorder} wired in with the README's three lines; {@code import --format openai} of what it wrote
 * keeps the episode, its calls and results, and the constraints judge it.
 */
class CaptureImportTest {

    private static final Pattern NUMBER = Pattern.compile("Conversation (\\d+)");

    interface Assistant {
        @SystemMessage("Answer with the tools.")
        String answer(String question);
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

    /** The served model: both tools at once (add N and 2, Paris), then add 1 to the sum, then the answer. */
    private static Answer respond(JsonNode body) {
        JsonNode messages = body.get("messages");
        Matcher matcher = NUMBER.matcher(messages.get(1).get("content").asText());
        assertTrue(matcher.find());
        String n = matcher.group(1);
        List<String> results = new ArrayList<>();
        for (JsonNode message : messages) {
            if (message.get("role").asText().equals("tool")) {
                results.add(message.get("content").asText());
            }
        }
        List<String> add = parameters(body, "add");
        String city = parameters(body, "temperature").getFirst();
        return switch (results.size()) {
            case 0 -> Answer.toolCalls(List.of(
                    new ToolCall("add-" + n, "add", "{\"" + add.get(0) + "\": " + n + ", \"" + add.get(1) + "\": 2}"),
                    new ToolCall("temp-" + n, "temperature", "{\"" + city + "\": \"Paris\"}")));
            case 2 -> Answer.toolCalls(List.of(new ToolCall("again-" + n, "add",
                    "{\"" + add.get(0) + "\": " + results.get(0) + ", \"" + add.get(1) + "\": 1}")));
            default -> Answer.completion("Conversation " + n + ": " + results.get(2) + ", and " + results.get(1)
                    + " degrees in Paris.", 20, 8);
        };
    }

    /** The tool's parameter names as the request offers them (arg0... where classes lack {@code -parameters}). */
    private static List<String> parameters(JsonNode body, String tool) {
        for (JsonNode definition : body.get("tools")) {
            if (definition.at("/function/name").asText().equals(tool)) {
                List<String> names = new ArrayList<>();
                definition.at("/function/parameters/properties").fieldNames().forEachRemaining(names::add);
                return names;
            }
        }
        throw new AssertionError("no tool " + tool + " offered");
    }

    @Test
    void whatTheRecorderWritesImportsWithItsCallsAndResultsAndIsJudged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("episodes.jsonl");
        List<String> answers = new ArrayList<>();
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer().respondWith(CaptureImportTest::respond)) {
            // the README's three lines
            EpisodeRecorder recorder = EpisodeRecorder.open(file);
            ChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("test").modelName("agent")
                    .maxRetries(0).listeners(List.of(recorder)).build();
            Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).tools(new Tools()).build();
            for (int n = 1; n <= 2; n++) {
                answers.add(assistant.answer("Conversation " + n + ": add " + n + " and 2, then one more, and say"
                        + " how warm Paris is."));
            }
            recorder.close();
        }
        assertEquals(List.of("Conversation 1: 4, and 15 degrees in Paris.",
                "Conversation 2: 5, and 15 degrees in Paris."), answers);
        assertEquals(2, Files.readAllLines(file).size());

        Engine engine = Engine.start(EngineConfig.defaults());
        Path run = dir.resolve("run");
        // on top of the structural checks: at most 2 calls (fails: 3), and `add` before `temperature` (fails: the
        // parallel calls share a turn, so neither came first)
        ImportResult result = engine.imports().start(run, ImportSpec.builder("openai", file)
                .constraint(ConstraintSpec.hard("tool:max_calls", Map.of("max", 2), 0))
                .constraint(ConstraintSpec.hard("tool:order", Map.of("before", "add", "after", "temperature"), 1))
                .build());

        assertEquals(List.of(), result.skipped());
        assertEquals(2, result.imported());
        assertEquals(0, result.passed(), "tool:max_calls fails both");
        List<ComplianceRecord> records = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(RunDirectory.RECORDS))) {
            records.add(RecordJson.read(line));
        }
        ComplianceRecord first = records.stream().filter(r -> r.finalOutput().startsWith("Conversation 1"))
                .findFirst().orElseThrow();
        assertEquals("served-model", first.model().name(), "the model the response names");
        Episode episode = first.episode();
        assertEquals(List.of(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL, Role.ASSISTANT, Role.TOOL,
                Role.ASSISTANT), episode.messages().stream().map(ChatMessage::role).toList());
        assertEquals(2, episode.messages().get(2).toolCalls().size(), "the parallel calls, one turn");
        assertEquals(List.of("add", "temperature", "add"), episode.calls().stream().map(c -> c.call().name()).toList());
        assertEquals(List.of("add-1", "temp-1", "again-1"), episode.calls().stream().map(c -> c.call().id()).toList());
        assertEquals(List.of("3", "15", "4"), episode.messages().stream().filter(m -> m.role() == Role.TOOL)
                .map(ChatMessage::content).toList());
        assertEquals("temp-1", episode.messages().get(4).toolCallId());
        assertEquals(2, episode.tools().size());
        assertEquals("Conversation 1: 4, and 15 degrees in Paris.", episode.finalAnswer());
        assertNull(first.environment(), "no environment: nothing replayed");

        Map<String, Boolean> verdicts = new java.util.LinkedHashMap<>();
        for (ConstraintResult constraint : first.attempts().getLast().constraints()) {
            verdicts.put(constraint.verifier(), constraint.passed());
        }
        assertEquals(Map.of("tool:max_calls", false, "tool:order", false, "tool:known", true,
                "tool:arguments_valid", true, "tool:answered", true), verdicts);
        ConstraintResult maxCalls = first.attempts().getLast().constraints().stream()
                .filter(c -> c.verifier().equals("tool:max_calls")).findFirst().orElseThrow();
        assertFalse(maxCalls.steps().isEmpty(), "the step at which the limit was passed");
        assertEquals("again-1", maxCalls.steps().getFirst().callId());
        ConstraintResult order = first.attempts().getLast().constraints().stream()
                .filter(c -> c.verifier().equals("tool:order")).findFirst().orElseThrow();
        assertEquals("temp-1", order.steps().getFirst().callId());
        assertEquals(2, order.steps().getFirst().message());
    }
}
