package io.trace2train.backends.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.testing.ExampleData;
import io.trace2train.testing.OpenAiLoopbackServer;
import io.trace2train.testing.OpenAiLoopbackServer.Answer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tool calling over the OpenAI protocol: what the endpoint receives, and what comes back from its tool calls. */
class OpenAiCompatibleToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GenerationSettings SETTINGS = new GenerationSettings(0.0, 1.0, 7, 128, List.of());

    private static ModelBackend backend(OpenAiLoopbackServer server) {
        return new OpenAiCompatibleBackendFactory().create(Map.of("base-url", server.baseUrl(), "model", "qwen-test",
                "timeout-seconds", "20"));
    }

    /** τ-bench's airline tools as shipped, plus one whose nested schema uses what the airline's do not. */
    private static List<ToolDefinition> tools() throws Exception {
        List<Map<String, Object>> shipped = JSON.readValue(Files.readString(ExampleData.tauBench("airline/tools.json")),
                new TypeReference<>() { });
        List<ToolDefinition> tools = new ArrayList<>(shipped.stream().map(ToolDefinition::fromJson).toList());
        tools.add(ToolDefinition.fromJson(JSON.readValue("""
                {"type": "function", "function": {"name": "plan", "description": "Plan a trip.", "parameters": {
                  "type": "object", "description": "a trip",
                  "properties": {
                    "legs": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/leg"}},
                    "budget": {"type": ["number", "null"], "minimum": 0.5, "maximum": 10000},
                    "note": {"anyOf": [{"type": "string", "maxLength": 80}, {"type": "null"}], "default": null},
                    "when": {"type": "string", "format": "date", "pattern": "^\\\\d{4}-"}},
                  "required": ["legs"],
                  "$defs": {"leg": {"type": "object", "properties": {"from": {"type": "string"}},
                    "required": ["from"], "additionalProperties": false}}}}}
                """, new TypeReference<Map<String, Object>>() { })));
        return tools;
    }

    @Test
    void toolsGoOutAsDefinedAndParallelCallsComeBackInOrderWithIdsAndArgumentsAsSent() throws Exception {
        List<ToolDefinition> tools = tools();
        List<ChatMessage> conversation = List.of(ChatMessage.system("You are an airline agent."),
                ChatMessage.user("Cancel ABC123 and tell me my balance."),
                ChatMessage.assistant("Looking both up.", List.of(
                        new ToolCall("call_a", "get_reservation_details", "{\"reservation_id\": \"ABC123\"}"),
                        new ToolCall("call_b", "get_user_details", "{\"user_id\":\"sara_doe_496\"}"))),
                ChatMessage.tool("call_a", "get_reservation_details", "{\"status\": \"active\"}"),
                ChatMessage.tool("call_b", "get_user_details", "{\"balance\": 12}"),
                ChatMessage.assistant("Shall I cancel it?"),
                ChatMessage.user("yes"));
        // the second call's arguments are not even JSON: they come back as sent, for the engine to answer
        String odd = "{\"reservation_id\": \"ABC123\", \"reason\": \"change of plan\"";
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer(Answer.toolCalls(null, List.of(
                new OpenAiLoopbackServer.ToolCall("call_1", "cancel_reservation",
                        "{\"reservation_id\":\"ABC123\"}"),
                new OpenAiLoopbackServer.ToolCall("call_2", "cancel_reservation", odd),
                new OpenAiLoopbackServer.ToolCall("call_3", "think", "{\"thought\": \"done\"}")), 812, 44))) {
            Generation generation = backend(server).generate(new GenerationRequest("0", conversation, SETTINGS,
                    tools));

            assertEquals(List.of(new ToolCall("call_1", "cancel_reservation", "{\"reservation_id\":\"ABC123\"}"),
                    new ToolCall("call_2", "cancel_reservation", odd),
                    new ToolCall("call_3", "think", "{\"thought\": \"done\"}")), generation.toolCalls());
            assertEquals("", generation.text());
            assertEquals(812, generation.promptTokens());
            assertEquals(44, generation.completionTokens());

            JsonNode sent = server.tools(0);
            assertEquals(tools.size(), sent.size());
            for (int i = 0; i < tools.size(); i++) {
                JsonNode function = sent.get(i).get("function");
                assertEquals("function", sent.get(i).get("type").textValue());
                assertEquals(tools.get(i).name(), function.get("name").textValue());
                assertEquals(tools.get(i).description(), function.get("description").textValue());
                assertEquals(JSON.valueToTree(tools.get(i).parameters()), function.get("parameters"),
                        "parameters of " + tools.get(i).name());
            }

            JsonNode messages = server.messages(0);
            assertEquals(7, messages.size());
            JsonNode calling = messages.get(2);
            assertEquals("assistant", calling.get("role").textValue());
            assertEquals("Looking both up.", calling.get("content").textValue());
            assertEquals(2, calling.get("tool_calls").size());
            assertEquals(JSON.valueToTree(conversation.get(2).toolCalls()), calling.get("tool_calls"));
            for (int i = 3; i <= 4; i++) {
                JsonNode result = messages.get(i);
                assertEquals("tool", result.get("role").textValue());
                assertEquals(conversation.get(i).toolCallId(), result.get("tool_call_id").textValue());
                assertEquals(conversation.get(i).content(), result.get("content").textValue());
            }
            assertEquals("Shall I cancel it?", messages.get(5).get("content").textValue());
            assertFalse(messages.get(5).has("tool_calls"));
        }
    }

    @Test
    void aCallBesideTextKeepsTheTextAndAToolWithoutParametersGoesAsTheEmptyObjectSchema() throws Exception {
        ToolDefinition ping = new ToolDefinition("ping", "", Map.of());
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer(Answer.toolCalls("Checking.",
                List.of(new OpenAiLoopbackServer.ToolCall("c9", "ping", "{}")), 3, 2))) {
            Generation generation = backend(server).generate(new GenerationRequest("t",
                    List.of(ChatMessage.user("ping it")), SETTINGS, List.of(ping)));
            assertEquals("Checking.", generation.text());
            assertEquals(List.of(new ToolCall("c9", "ping", "{}")), generation.toolCalls());
            JsonNode function = server.tools(0).get(0).get("function");
            assertFalse(function.has("description"), function::toString);
            assertEquals("object", function.get("parameters").get("type").textValue());
            assertTrue(function.get("parameters").get("properties").isEmpty(), function::toString);
        }
    }

    @Test
    void aRequestWithoutToolsSendsNoToolsAndAPlainAnswerHasNoCalls() throws Exception {
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer(Answer.completion("Hi.", 4, 1))) {
            ModelBackend backend = backend(server);
            assertTrue(backend.supportsTools());
            Generation generation = backend.generate(new GenerationRequest("t", List.of(ChatMessage.user("hi")),
                    SETTINGS));
            assertEquals("Hi.", generation.text());
            assertFalse(generation.callsTools());
            assertFalse(server.bodies().getFirst().has("tools"));
            assertTrue(server.tools(0).isEmpty());
        }
    }

    @Test
    void aSchemaLangChain4jWouldSendAlteredIsRefusedBeforeAnythingIsSent() throws Exception {
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer(Answer.completion("never", 1, 1))) {
            ModelBackend backend = backend(server);
            for (String parameters : List.of(
                    "{\"type\": \"object\", \"properties\": {}, \"additionalProperties\": false}",
                    "{\"type\": \"string\"}",
                    "{\"type\": \"object\", \"properties\": {\"flag\": true}}",
                    "{\"type\": \"object\", \"properties\": {\"x\": {\"$ref\": \"#/definitions/x\"}},"
                            + " \"definitions\": {\"x\": {\"type\": \"string\"}}}")) {
                ToolDefinition tool = new ToolDefinition("strict_tool", "d",
                        JSON.readValue(parameters, new TypeReference<Map<String, Object>>() { }));
                BackendException refused = assertThrows(BackendException.class, () -> backend.generate(
                        new GenerationRequest("t", List.of(ChatMessage.user("go")), SETTINGS, List.of(tool))));
                assertFalse(refused.retriable());
                assertTrue(refused.getMessage().contains("tool 'strict_tool' cannot be sent as defined"),
                        refused::getMessage);
            }
            BackendException dropped = assertThrows(BackendException.class, () -> backend.generate(
                    new GenerationRequest("t", List.of(ChatMessage.user("go")), SETTINGS, List.of(new ToolDefinition(
                            "strict_tool", "d", Map.of("type", "object", "additionalProperties", false))))));
            assertTrue(dropped.getMessage().contains("[additionalProperties]"), dropped::getMessage);
            assertTrue(server.bodies().isEmpty(), "nothing was sent");
        }
    }

    @Test
    void aLegacyFunctionCallWithoutAnIdIsAClearError() throws Exception {
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer(new Answer(200, """
                {"id": "x", "object": "chat.completion", "created": 1, "model": "m", "choices": [{"index": 0,
                 "message": {"role": "assistant", "content": null, "function_call": {"name": "ping", "arguments": "{}"}},
                 "finish_reason": "function_call"}]}
                """, 0))) {
            BackendException e = assertThrows(BackendException.class, () -> backend(server).generate(
                    new GenerationRequest("t", List.of(ChatMessage.user("go")), SETTINGS,
                            List.of(new ToolDefinition("ping", "", Map.of())))));
            assertFalse(e.retriable());
            assertTrue(e.getMessage().contains("tool call 0 of the answer has no id"), e::getMessage);
        }
    }
}
