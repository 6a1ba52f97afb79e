package io.trace2train.api.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.trace2train.api.env.EnvironmentSpec;
import io.trace2train.api.env.ToolCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The episode model reads and writes OpenAI's chat shape, and leaves plain conversations as they were. */
class EpisodeJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An OpenAI-format agent log: parallel calls, null content on a calling turn, tool results by call id. */
    private static final String LOG = """
            [{"role":"system","content":"You are an airline agent."},
             {"role":"user","content":"Cancel ABC123 and tell me the fare."},
             {"role":"assistant","content":null,"tool_calls":[
               {"id":"call_1","type":"function","function":{"name":"get_reservation_details","arguments":"{\\"reservation_id\\": \\"ABC123\\"}"}},
               {"id":"call_2","type":"function","function":{"name":"get_user_details","arguments":"{\\"user_id\\": \\"u1\\"}"}}]},
             {"role":"tool","tool_call_id":"call_1","name":"get_reservation_details","content":"{\\"fare\\": 120}"},
             {"role":"tool","tool_call_id":"call_2","content":"Error: user not found"},
             {"role":"assistant","content":"Done. The fare was 120."}]""";

    @Test
    void readsAndWritesOpenAiMessages() throws Exception {
        List<ChatMessage> messages = JSON.readValue(LOG, new TypeReference<List<ChatMessage>>() { });
        assertEquals(6, messages.size());
        ChatMessage calling = messages.get(2);
        assertEquals("", calling.content());
        assertEquals(List.of(new ToolCall("call_1", "get_reservation_details", "{\"reservation_id\": \"ABC123\"}"),
                new ToolCall("call_2", "get_user_details", "{\"user_id\": \"u1\"}")), calling.toolCalls());
        assertEquals("call_2", messages.get(4).toolCallId());
        assertEquals(null, messages.get(4).name());

        String written = JSON.writeValueAsString(messages.get(2));
        assertEquals("{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_reservation_details\",\"arguments\":\"{\\\"reservation_id\\\": "
                + "\\\"ABC123\\\"}\"}},{\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":"
                + "\"get_user_details\",\"arguments\":\"{\\\"user_id\\\": \\\"u1\\\"}\"}}]}", written);
        assertEquals(messages, JSON.readValue(JSON.writeValueAsString(messages),
                new TypeReference<List<ChatMessage>>() { }));

        Episode episode = new Episode(messages, List.of());
        assertEquals("Done. The fare was 120.", episode.finalAnswer());
        assertEquals(5, episode.finalAnswerIndex());
        assertEquals(2, episode.calls().size());
        assertEquals(2, episode.calls().get(1).message());
        assertEquals(List.of("Done. The fare was 120."), episode.messagesToUser());
        assertEquals(2, episode.assistantTurns());
    }

    @Test
    void plainMessagesAndTasksKeepTheirJson() throws Exception {
        assertEquals("{\"role\":\"user\",\"content\":\"hi\"}", JSON.writeValueAsString(ChatMessage.user("hi")));
        TaskSpec plain = TaskSpec.ofPrompt("t1", "hi", List.of());
        assertEquals("{\"id\":\"t1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"constraints\":[]}",
                JSON.writeValueAsString(plain));
        assertEquals(plain, JSON.readValue(JSON.writeValueAsString(plain), TaskSpec.class));
    }

    @Test
    void agentTasksRoundTrip() throws Exception {
        String task = """
                {"id":"t2","messages":[{"role":"user","content":"book"}],"constraints":[],
                 "tools":[{"type":"function","function":{"name":"book","description":"Books.",
                   "parameters":{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"]}}},
                   {"name":"think","parameters":{"type":"object"}}],
                 "environment":{"name":"tau-airline"}}""";
        TaskSpec spec = JSON.readValue(task, TaskSpec.class);
        assertEquals(2, spec.tools().size());
        assertEquals("", spec.tools().get(1).description());
        assertEquals(Map.of("n", Map.of("type", "integer")), spec.tools().get(0).parameters().get("properties"));
        assertEquals(EnvironmentSpec.of("tau-airline"), spec.environment());
        assertEquals(spec, JSON.readValue(JSON.writeValueAsString(spec), TaskSpec.class));
        assertTrue(JSON.writeValueAsString(spec).contains("{\"type\":\"function\",\"function\":{\"name\":\"think\""));
    }

    @Test
    void badShapesNameTheField() {
        ValueInstantiationException arguments = assertThrows(ValueInstantiationException.class,
                () -> JSON.readValue("{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\","
                        + "\"arguments\":{\"a\":1}}}", ToolCall.class));
        assertTrue(arguments.getMessage().contains("tool call c1 function: field 'arguments' must be a string, "
                + "got an object"), arguments.getMessage());
        Exception role = assertThrows(Exception.class,
                () -> JSON.readValue("{\"role\":\"function\",\"content\":\"x\"}", ChatMessage.class));
        assertTrue(role.getMessage().contains("unknown role 'function'"), role.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ChatMessage(Role.TOOL, "x"));
        assertThrows(IllegalArgumentException.class,
                () -> new ChatMessage(Role.USER, "x", List.of(new ToolCall("c", "f", "{}")), null, null));
    }
}
