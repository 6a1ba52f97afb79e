package io.trace2train.backends.jlama;

import static java.util.Objects.requireNonNull;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import io.trace2train.api.backend.BackendException;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.task.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model's Hugging Face chat template, rendered as {@code apply_chat_template(messages, tools=tools,
 * add_generation_prompt=True)} renders it. Jlama 0.8.4's own {@code PromptSupport} cannot: it turns each tool call
 * into a message of its own (so parallel calls render as separate assistant turns), passes a tool result as a map
 * instead of its text, and its {@code tojson} is not Python's. So the template is rendered here, with the Jinja engine
 * and settings Jlama uses (Jinjava; trim_blocks and lstrip_blocks, as Hugging Face sets them; but message text is
 * never run as template code, which Jlama's settings allow), the conversation in
 * the OpenAI message shape Hugging Face documents, and Hugging Face's {@code tojson}
 * ({@code json.dumps(x, ensure_ascii=False)}).
 *
 * @param template the Jinja source, from tokenizer_config.json's {@code chat_template}
 * @param eosToken the text of the end-of-sequence token, which some templates write
 */
record ChatTemplate(String template, String eosToken) {

    /** A statement or expression of the template, whose code is group 1. */
    private static final Pattern TAG = Pattern.compile("\\{[{%](.*?)[%}]}", Pattern.DOTALL);
    /** A string literal inside a tag: "tools" in a literal is text, not the variable. */
    private static final Pattern LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern TOOLS_VARIABLE = Pattern.compile("\\btools\\b");

    private static final Jinjava JINJAVA = new Jinjava(JinjavaConfig.newBuilder()
            .withTrimBlocks(true)
            .withLstripBlocks(true)
            // Jinja writes a value as it is; Jinjava by default would run template code found in a message's text
            .withNestedInterpretationEnabled(false)
            .withLegacyOverrides(LegacyOverrides.newBuilder()
                    .withParseWhitespaceControlStrictly(true)
                    .withUseTrimmingForNotesAndExpressions(true)
                    .withUseSnakeCasePropertyNaming(true)
                    .withKeepNullableLoopValues(true)
                    .build())
            .build());

    static {
        JINJAVA.getGlobalContext().registerFilter(new PythonToJson());
        JINJAVA.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                ChatTemplate.class, "raiseException", String.class));
    }

    ChatTemplate {
        requireNonNull(template, "template");
        requireNonNull(eosToken, "eosToken");
    }

    /** Whether the template renders tool definitions (Qwen2.5's {@code <tools>} block does; Llama 2's does not). */
    boolean supportsTools() {
        Matcher tag = TAG.matcher(template);
        while (tag.find()) {
            if (TOOLS_VARIABLE.matcher(LITERAL.matcher(tag.group(1)).replaceAll("")).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The prompt for the next assistant turn.
     *
     * @param model the model's name, for errors
     * @throws BackendException when the template fails or raises (as Hugging Face's {@code raise_exception} does)
     */
    String render(List<ChatMessage> messages, List<ToolDefinition> tools, String model) {
        Map<String, Object> bindings = new LinkedHashMap<>();
        bindings.put("messages", messages.stream().map(ChatTemplate::message).toList());
        if (!tools.isEmpty()) {
            bindings.put("tools", tools.stream().map(ToolDefinition::json).toList());
        }
        bindings.put("add_generation_prompt", true);
        bindings.put("eos_token", eosToken);
        bindings.put("bos_token", ""); // the backend adds the beginning-of-sequence token itself, as a token
        RenderResult result;
        try {
            result = JINJAVA.renderForResult(template, bindings);
        } catch (RuntimeException e) {
            throw failure(model, String.valueOf(e.getMessage()));
        }
        List<String> fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).map(ChatTemplate::describe).toList();
        if (!fatal.isEmpty()) {
            throw failure(model, String.join("; ", fatal));
        }
        return result.getOutput();
    }

    /** A template's own message where it raised one; Jinjava's otherwise, with the line. */
    private static String describe(TemplateError error) {
        for (Throwable cause = error.getException(); cause != null; cause = cause.getCause()) {
            if (cause instanceof TemplateRaised raised) {
                return raised.getMessage();
            }
        }
        return error.getMessage() + (error.getLineno() > 0 ? " (line " + error.getLineno() + ")" : "");
    }

    private static BackendException failure(String model, String why) {
        return new BackendException(model + ": its chat template (tokenizer_config.json chat_template) cannot render"
                + " this conversation: " + why, false);
    }

    /** A message as Hugging Face's chat templates read it: OpenAI's shape, a call's arguments as an object. */
    private static Map<String, Object> message(ChatMessage message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("role", message.role().json());
        json.put("content", message.content());
        if (message.callsTools()) {
            List<Map<String, Object>> calls = new ArrayList<>(message.toolCalls().size());
            for (ToolCall call : message.toolCalls()) {
                Map<String, Object> function = new LinkedHashMap<>();
                function.put("name", call.name());
                function.put("arguments", argumentsValue(call.arguments()));
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", call.id());
                entry.put("type", "function");
                entry.put("function", function);
                calls.add(entry);
            }
            json.put("tool_calls", calls);
        }
        if (message.toolCallId() != null) {
            json.put("tool_call_id", message.toolCallId());
        }
        if (message.name() != null) {
            json.put("name", message.name());
        }
        return json;
    }

    /**
     * A logged call's arguments as the template reads them: the object its JSON text holds (Hugging Face's templates
     * expect {@code json.loads} of OpenAI's string); a text that is not JSON stays the string it is, which
     * {@code tojson} writes quoted, so a malformed call is shown to the model as it was made.
     */
    private static Object argumentsValue(String arguments) {
        try {
            return PythonJson.loads(arguments);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return arguments;
        }
    }

    /** Hugging Face's {@code raise_exception}: a template's own refusal of a conversation it cannot render. */
    public static void raiseException(String message) {
        throw new TemplateRaised(message);
    }

    /** What {@code raise_exception} throws, so that its message, not Jinjava's wrapper, reaches the error. */
    private static final class TemplateRaised extends RuntimeException {

        private static final long serialVersionUID = 1L;

        TemplateRaised(String message) {
            super(message);
        }
    }

    /** Hugging Face replaces Jinja's HTML-escaping {@code tojson} with {@code json.dumps(x, ensure_ascii=False)}. */
    private static final class PythonToJson implements Filter {

        @Override
        public String getName() {
            return "tojson";
        }

        @Override
        public Object filter(Object value, JinjavaInterpreter interpreter, String... args) {
            return PythonJson.dumps(value);
        }
    }
}
