package io.trace2train.backends.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Role;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recorded episodes replayed turn by turn: the shipped τ-bench GPT-4o episodes as OpenAI lines, and crafted ones. */
class EpisodeReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    /** τ-bench's line {task_id, trial, messages, task} as the OpenAI line {task_id, messages, tools}. */
    private static Path tauAsOpenAi;
    private static List<JsonNode> episodes;
    private static List<ToolDefinition> tools;

    @BeforeAll
    static void convert() throws Exception {
        JsonNode toolsJson = JSON.readTree(ExampleData.tauBench("airline/tools.json").toFile());
        tools = new ArrayList<>();
        toolsJson.forEach(tool -> tools.add(ToolDefinition.fromJson(JSON.convertValue(tool,
                new TypeReference<java.util.Map<String, Object>>() { }))));
        episodes = ExampleData.jsonLines(ExampleData.tauBench("airline/trajectories_gpt4o.jsonl"));
        StringBuilder lines = new StringBuilder();
        for (JsonNode episode : episodes) {
            ObjectNode line = JSON.createObjectNode();
            line.set("task_id", episode.get("task_id"));
            line.set("messages", episode.get("messages"));
            line.set("tools", toolsJson);
            lines.append(line).append('\n');
        }
        tauAsOpenAi = Files.writeString(dir.resolve("tau-openai.jsonl"), lines);
    }

    private static List<ChatMessage> messages(JsonNode episode) throws Exception {
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode message : episode.get("messages")) {
            messages.add(JSON.treeToValue(message, ChatMessage.class));
        }
        return messages;
    }

    private static GenerationRequest ask(String taskId, List<ChatMessage> conversation) {
        return new GenerationRequest(taskId, conversation, GenerationSettings.defaults(), tools);
    }

    @Test
    void everyAssistantTurnOfTheFirstTrialOfEachTauBenchTaskIsReplayedWithItsTextAndCalls() throws Exception {
        ReplayBackend replay = ReplayBackend.load(tauAsOpenAi);
        assertTrue(replay.supportsTools());
        assertFalse(replay.canGenerate());
        int turns = 0;
        int calls = 0;
        for (JsonNode episode : episodes) {
            if (episode.get("trial").intValue() != 0) {
                continue; // a later trial sharing a prefix with the first gets the first's turn: the file's order
            }
            List<ChatMessage> recorded = messages(episode);
            for (int i = 0; i < recorded.size(); i++) {
                if (recorded.get(i).role() != Role.ASSISTANT) {
                    continue;
                }
                Generation answer = replay.generate(ask(episode.get("task_id").asText(), recorded.subList(0, i)));
                assertEquals(recorded.get(i).content(), answer.text(), "task " + episode.get("task_id") + " @" + i);
                assertEquals(recorded.get(i).toolCalls(), answer.toolCalls(), "task " + episode.get("task_id"));
                turns++;
                calls += answer.toolCalls().size();
            }
        }
        assertEquals(50, episodes.stream().filter(e -> e.get("trial").intValue() == 0).count());
        assertTrue(turns > 300 && calls > 150, turns + " turns, " + calls + " calls");
    }

    @Test
    void aConversationThatLeftTheRecordingIsRefusedNamingTheMessageWhereItDiffers() throws Exception {
        ReplayBackend replay = ReplayBackend.load(tauAsOpenAi);
        JsonNode first = episodes.getFirst();
        List<ChatMessage> recorded = messages(first);
        int result = indexOf(recorded, Role.TOOL);
        List<ChatMessage> changed = new ArrayList<>(recorded.subList(0, result + 1));
        changed.set(result, ChatMessage.tool(recorded.get(result).toolCallId(), recorded.get(result).name(),
                "Error: user not found"));

        BackendException e = assertThrows(BackendException.class, () -> replay.generate(ask("0", changed)));
        assertFalse(e.retriable());
        assertTrue(e.getMessage().contains("task 0: the conversation left the recording at message " + result
                + ": recorded a tool message answering " + recorded.get(result).toolCallId()), e.getMessage());
        assertTrue(e.getMessage().contains("got a tool message answering " + recorded.get(result).toolCallId()
                + " \"Error: user not found\""), e.getMessage());
        assertTrue(e.getMessage().contains("tau-openai.jsonl:1)"), e.getMessage());

        BackendException past = assertThrows(BackendException.class, () -> replay.generate(ask("0", recorded)));
        assertTrue(past.getMessage().contains("the recording ends after message " + (recorded.size() - 1)),
                past.getMessage());
        BackendException beforeUser = assertThrows(BackendException.class, () -> replay.generate(ask("0",
                recorded.subList(0, 1))));
        assertTrue(beforeUser.getMessage().contains("continues at message 1 with a user message"),
                beforeUser.getMessage());
    }

    private static int indexOf(List<ChatMessage> messages, Role role) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).role() == role) {
                return i;
            }
        }
        throw new AssertionError("no " + role + " message");
    }

    @Test
    void parallelCallsComeBackInOrderAndEpisodesWithoutTaskIdsAreMatchedByTheirMessages() throws Exception {
        Path file = Files.writeString(dir.resolve("parallel.jsonl"), """
                {"messages": [{"role": "user", "content": "weather in Oslo and Rome?"}, {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "weather", "arguments": "{\\"city\\": \\"Oslo\\"}"}}, {"id": "c2", "type": "function", "function": {"name": "weather", "arguments": {"city": "Rome"}}}], "refusal": null}, {"role": "tool", "tool_call_id": "c1", "content": "3C"}, {"role": "tool", "tool_call_id": "c2", "content": "19C"}, {"role": "assistant", "content": "Oslo 3C, Rome 19C."}]}
                """);
        ReplayBackend replay = ReplayBackend.load(file);
        assertTrue(replay.supportsTools());
        List<ChatMessage> conversation = new ArrayList<>(List.of(ChatMessage.user("weather in Oslo and Rome?")));

        Generation calls = replay.generate(ask("any-task", conversation));
        assertEquals("", calls.text());
        // arguments logged as an object come back as the JSON text OpenAI sends, as an import holds them
        assertEquals(List.of(new ToolCall("c1", "weather", "{\"city\": \"Oslo\"}"),
                new ToolCall("c2", "weather", "{\"city\":\"Rome\"}")), calls.toolCalls());
        conversation.add(ChatMessage.assistant(calls.text(), calls.toolCalls()));
        conversation.add(ChatMessage.tool("c1", "weather", "3C"));
        conversation.add(ChatMessage.tool("c2", "weather", "19C"));
        Generation answer = replay.generate(ask("any-task", conversation));
        assertEquals("Oslo 3C, Rome 19C.", answer.text());
        assertFalse(answer.callsTools());

        conversation.set(3, ChatMessage.tool("c2", "weather", "20C"));
        BackendException e = assertThrows(BackendException.class, () -> replay.generate(ask("any-task",
                conversation)));
        assertTrue(e.getMessage().contains("no episode has this task id; matched by messages")
                && e.getMessage().contains("left the recording at message 3"), e.getMessage());
    }

    @Test
    void aLogOfAnswersAloneDoesNotOfferTools() throws Exception {
        Path file = Files.writeString(dir.resolve("answers.jsonl"), "{\"prompt\": \"p\", \"response\": \"r\"}\n");
        assertFalse(ReplayBackend.load(file).supportsTools());
    }

    @Test
    void badEpisodeLinesAreReportedByFileLineAndField() throws Exception {
        Path file = Files.writeString(dir.resolve("bad-episodes.jsonl"), """
                {"task_id": 1, "messages": [{"role": "user", "content": "hi"}]}
                {"task_id": 2.5, "messages": [{"role": "user", "content": "hi"}]}
                {"messages": [{"role": "user", "content": "hi"}, {"role": "robot", "content": "beep"}]}
                {"messages": {"role": "user"}, "trial": 0}
                {"messages": [{"role": "tool", "content": "x"}]}
                {"messages": [{"role": "user", "content": "hi"}, null], "tools": [{"type": "function", "function": {"description": "no name"}}]}
                """);
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () -> ReplayBackend.load(file));
        List<String> problems = e.problems().stream().map(InvalidArgumentsException.Problem::message).toList();
        assertEquals(7, problems.size(), e.getMessage());
        assertTrue(problems.get(0).startsWith(file + ":2: field 'task_id': expected"), problems.get(0));
        assertTrue(problems.get(1).startsWith(file + ":3: field 'messages[1]': ") && problems.get(1).contains("robot"),
                problems.get(1));
        assertTrue(problems.get(2).startsWith(file + ":4: field 'trial': unknown"), problems.get(2));
        assertTrue(problems.get(3).startsWith(file + ":4: field 'messages': expected a list"), problems.get(3));
        assertTrue(problems.get(4).startsWith(file + ":5: field 'messages[0]': ")
                && problems.get(4).contains("tool_call_id"), problems.get(4));
        assertTrue(problems.get(5).startsWith(file + ":6: field 'messages[1]': expected a message object"),
                problems.get(5));
        assertTrue(problems.get(6).startsWith(file + ":6: field 'tools[0]': ") && problems.get(6).contains("name"),
                problems.get(6));
    }
}
