package io.trace2train.backends.jlama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.ForkSampling;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tool calling on a tiny model of Qwen2.5's layout with its shipped tokenizer and chat template: prompts are what
 * Hugging Face's {@code apply_chat_template(messages, tools=tools, add_generation_prompt=True)} gives (the expected
 * strings follow the template by hand, and agree with Jinja2 rendering it under Hugging Face's settings), and a model
 * whose template has no tools is refused.
 */
class QwenToolCallingTest {

    private static final Path SHAPE = ExampleData.model("qwen2.5-0.5b-instruct-shape");
    private static final Map<String, Object> TINY = Map.of("hidden_size", 64, "intermediate_size", 128,
            "num_hidden_layers", 1, "num_attention_heads", 4, "num_key_value_heads", 2, "max_position_embeddings", 1024);
    private static final String TOOLS_BLOCK_END = "</tools>\n\nFor each function call, return a json object with function"
            + " name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>,"
            + " \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n";
    private static final String TOOLS_BLOCK_START = "\n\n# Tools\n\nYou may call one or more functions to assist with"
            + " the user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>\n";

    private static final ToolDefinition WEATHER = new ToolDefinition("get_weather",
            "Current weather & temperature (°C) <now>", ordered("type", "object", "properties", ordered(
                    "city", Map.of("type", "string"),
                    "unit", ordered("type", "string", "enum", List.of("celsius", "fahrenheit"))),
                    "required", List.of("city")));
    private static final ToolDefinition TIME = new ToolDefinition("get_time", "Local time", ordered("type", "object",
            "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")));

    @TempDir
    static Path dir;
    private static JlamaBackend qwen;

    @BeforeAll
    static void load() throws Exception {
        Path model = RandomModelWriter.write(SHAPE, TINY, RandomModelWriter.WeightType.F32, 5, dir.resolve("qwen"));
        qwen = (JlamaBackend) new JlamaBackendFactory().create(Map.of("model-dir", model.toString()));
    }

    @AfterAll
    static void close() {
        qwen.close();
    }

    /** A map in the given key order (JSON Schemas are written in their own order). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void parallelCallsAndTheirResultsRenderAsHuggingFaceRendersQwensTemplate() {
        assertTrue(qwen.supportsTools());
        List<ChatMessage> chat = List.of(ChatMessage.system("You are a travel agent."),
                ChatMessage.user("Weather and time in Zürich?"),
                ChatMessage.assistant("", List.of(
                        new ToolCall("call_1", "get_weather", "{\"city\":\"Zürich\",\"unit\":\"celsius\"}"),
                        new ToolCall("call_2", "get_time", "{\"city\": \"Zürich\"}"))),
                ChatMessage.tool("call_1", "get_weather", "{\"temp\": 21.5}"),
                ChatMessage.tool("call_2", "get_time", "14:05"));
        assertEquals("<|im_start|>system\nYou are a travel agent." + TOOLS_BLOCK_START
                + "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"description\": \"Current weather &"
                + " temperature (°C) <now>\", \"parameters\": {\"type\": \"object\", \"properties\": {\"city\": {\"type\":"
                + " \"string\"}, \"unit\": {\"type\": \"string\", \"enum\": [\"celsius\", \"fahrenheit\"]}}, \"required\":"
                + " [\"city\"]}}}\n"
                + "{\"type\": \"function\", \"function\": {\"name\": \"get_time\", \"description\": \"Local time\","
                + " \"parameters\": {\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}, \"required\":"
                + " [\"city\"]}}}\n"
                + TOOLS_BLOCK_END
                + "<|im_start|>user\nWeather and time in Zürich?<|im_end|>\n"
                + "<|im_start|>assistant\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Zürich\","
                + " \"unit\": \"celsius\"}}\n</tool_call>\n<tool_call>\n{\"name\": \"get_time\", \"arguments\": {\"city\":"
                + " \"Zürich\"}}\n</tool_call><|im_end|>\n"
                + "<|im_start|>user\n<tool_response>\n{\"temp\": 21.5}\n</tool_response>\n<tool_response>\n14:05\n"
                + "</tool_response><|im_end|>\n"
                + "<|im_start|>assistant\n", qwen.promptText(chat, List.of(WEATHER, TIME)));
    }

    @Test
    void withoutASystemMessageTheTemplatesOwnIsUsedAndMalformedArgumentsAreShownAsMade() {
        ToolDefinition book = new ToolDefinition("book", "", ordered("type", "object", "properties", ordered(
                "flight", Map.of("type", "string"),
                "seats", ordered("type", "integer", "minimum", 1, "maximum", 9),
                "fare", ordered("type", "number", "default", 0.5))));
        List<ChatMessage> chat = List.of(ChatMessage.user("Book it."),
                ChatMessage.assistant("Booking now.", List.of(new ToolCall("c", "book", "{\"flight\": \"LX 318\""))),
                ChatMessage.tool("c", null, "Error: arguments are not JSON"),
                ChatMessage.assistant("Sorry."),
                ChatMessage.user("Again, with\ttab and \"quotes\"."));
        assertEquals("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant."
                + TOOLS_BLOCK_START
                + "{\"type\": \"function\", \"function\": {\"name\": \"book\", \"description\": \"\", \"parameters\":"
                + " {\"type\": \"object\", \"properties\": {\"flight\": {\"type\": \"string\"}, \"seats\": {\"type\":"
                + " \"integer\", \"minimum\": 1, \"maximum\": 9}, \"fare\": {\"type\": \"number\", \"default\": 0.5}}}}}\n"
                + TOOLS_BLOCK_END
                + "<|im_start|>user\nBook it.<|im_end|>\n"
                + "<|im_start|>assistant\nBooking now.\n<tool_call>\n{\"name\": \"book\", \"arguments\":"
                + " \"{\\\"flight\\\": \\\"LX 318\\\"\"}\n</tool_call><|im_end|>\n"
                + "<|im_start|>user\n<tool_response>\nError: arguments are not JSON\n</tool_response><|im_end|>\n"
                + "<|im_start|>assistant\nSorry.<|im_end|>\n"
                + "<|im_start|>user\nAgain, with\ttab and \"quotes\".<|im_end|>\n"
                + "<|im_start|>assistant\n", qwen.promptText(chat, List.of(book)));
    }

    @Test
    void aGenerationOfferedToolsRendersThemAndIsReadForCalls() {
        List<ChatMessage> chat = List.of(ChatMessage.user("Weather in Bern?"));
        GenerationSettings settings = new GenerationSettings(1.0, 1.0, 11, 12, List.of());
        GenerationRequest withTools = new GenerationRequest("t", chat, settings, List.of(WEATHER, TIME));
        Generation offered = qwen.generate(withTools);
        Generation plain = qwen.generate(new GenerationRequest("t", chat, settings));
        assertTrue(offered.promptTokens() > plain.promptTokens() + 100,
                "the tools block is in the prompt: " + offered.promptTokens() + " vs " + plain.promptTokens());
        assertTrue(offered.completionTokens() >= 1 && offered.completionTokens() <= 12);
        assertEquals(offered, withPromptLatency(qwen.generate(withTools), offered.latencyMillis()),
                "the same seed, the same message and calls");
        // random weights: the text is random; any call it happens to make carries the seed's ids
        offered.toolCalls().forEach(call -> assertTrue(call.id().startsWith("call_000000000000000b_"), call.id()));
        List<Generation> forks = qwen.generateForks(withTools, List.of(
                ForkSampling.of(withTools.settings()), new ForkSampling(12, 0.5)));
        assertEquals(offered.text(), forks.getFirst().text(), "a fork is the generation with its seed");
        assertEquals(offered.toolCalls(), forks.getFirst().toolCalls());
    }

    @Test
    void templateCodeInAMessageIsTextNotCode() {
        String code = "Fill in {{ name }} and {% if x %}y{% endif %} as written.";
        assertEquals("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
                + "<|im_start|>user\n" + code + "<|im_end|>\n<|im_start|>assistant\n",
                qwen.promptText(List.of(ChatMessage.user(code))));
    }

    private static Generation withPromptLatency(Generation g, long latency) {
        return new Generation(g.text(), g.promptTokens(), g.completionTokens(), latency, g.toolCalls());
    }

    @Test
    void aModelWhoseTemplateHasNoToolsIsRefusedNamingTheModelAndTheFix() throws Exception {
        Path model = RandomModelWriter.write(SHAPE, TINY, RandomModelWriter.WeightType.F32, 6, dir.resolve("no-tools"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(model.resolve("tokenizer_config.json").toFile());
        config.put("chat_template", "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n'"
                + " + message['content'] + '<|im_end|>\\n' }}{% endfor %}{% if add_generation_prompt %}"
                + "{{ '<|im_start|>assistant\\n' }}{% endif %}");
        Files.writeString(model.resolve("tokenizer_config.json"), json.writeValueAsString(config));
        List<ChatMessage> chat = List.of(ChatMessage.user("Weather in Bern?"));
        GenerationSettings settings = new GenerationSettings(0, 1.0, 1, 2, List.of());
        try (JlamaBackend plain = (JlamaBackend) new JlamaBackendFactory().create(Map.of("model-dir",
                model.toString()))) {
            assertFalse(plain.supportsTools());
            plain.preflight();
            assertEquals(2, plain.generate(new GenerationRequest("t", chat, settings)).completionTokens(),
                    "a conversation without tools runs");
            BackendException offered = assertThrows(BackendException.class,
                    () -> plain.generate(new GenerationRequest("t", chat, settings, List.of(WEATHER))));
            assertTrue(offered.getMessage().startsWith("no-tools: its chat template") && offered.getMessage().contains(
                    "does not render tools") && offered.getMessage().contains("langchain4j"), offered.getMessage());
            assertFalse(offered.retriable());
            BackendException shown = assertThrows(BackendException.class, () -> plain.promptText(List.of(
                    ChatMessage.user("Hi"), ChatMessage.assistant("", List.of(new ToolCall("c", "f", "{}"))),
                    ChatMessage.tool("c", "f", "ok"))));
            assertEquals(offered.getMessage(), shown.getMessage(), "tool calls in the conversation need it too");
        }
        try (JlamaBackend raw = (JlamaBackend) new JlamaBackendFactory().create(Map.of("model-dir",
                dir.resolve("qwen").toString(), "raw", "true"))) {
            assertFalse(raw.supportsTools(), "raw mode renders no template");
            BackendException e = assertThrows(BackendException.class,
                    () -> raw.generate(new GenerationRequest("t", chat, settings, List.of(WEATHER))));
            assertTrue(e.getMessage().contains("raw mode renders no chat template"), e.getMessage());
        }
    }
}
