package io.trace2train.backends.jlama;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.trace2train.api.env.ToolCall;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tool calls in a generated text that follows the Hermes convention Qwen2.5's template teaches
 * ({@code <tool_call>\n{"name": ..., "arguments": {...}}\n</tool_call>}), read exactly as vLLM's {@code hermes} tool
 * parser reads a finished generation, so a local run and a served one turn the same text into the same message:
 * <ul>
 *   <li>no {@code <tool_call>}: the whole text is the answer;</li>
 *   <li>every {@code <tool_call>...</tool_call>} block, and a last one left open at the end of the text, is a call;
 *       its JSON needs a {@code name} string and an {@code arguments} value, re-encoded with {@code json.dumps};</li>
 *   <li>the content is the text before the first block (text between or after blocks is not kept);</li>
 *   <li>one block that is not such JSON makes the whole text the answer, with no calls: a malformed call is not
 *       guessed at, and the agent's constraints judge the answer it leaves.</li>
 * </ul>
 */
final class HermesToolCalls {

    private static final String START = "<tool_call>";
    private static final Pattern BLOCK = Pattern.compile("<tool_call>(.*?)</tool_call>|<tool_call>(.*)",
            Pattern.DOTALL);

    /**
     * What a generation says.
     *
     * @param content the answer text (before the calls)
     * @param calls the calls, in order; empty for a plain answer
     */
    record Parsed(String content, List<ToolCall> calls) {

        Parsed {
            requireNonNull(content, "content");
            calls = List.copyOf(calls);
        }
    }

    private HermesToolCalls() {
    }

    /**
     * Reads the calls in {@code text}. A call's id is {@code call_<seed>_<index>}: vLLM's are random, these are
     * reproducible, and the generation seeds of one episode differ, so ids do not repeat within it.
     */
    static Parsed parse(String text, long seed) {
        int first = text.indexOf(START);
        if (first < 0) {
            return new Parsed(text, List.of());
        }
        List<ToolCall> calls = new ArrayList<>();
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            String json = block.group(1) != null ? block.group(1) : block.group(2);
            ToolCall call = call(json, "call_" + HexFormat.of().toHexDigits(seed) + "_" + calls.size());
            if (call == null) {
                return new Parsed(text, List.of());
            }
            calls.add(call);
        }
        return new Parsed(text.substring(0, first), calls);
    }

    /** One block's call, or null where vLLM's parser fails on it. */
    private static ToolCall call(String json, String id) {
        Object value;
        try {
            value = PythonJson.loads(json);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (!(value instanceof Map<?, ?> object) || !(object.get("name") instanceof String name)
                || !object.containsKey("arguments")) {
            return null;
        }
        return new ToolCall(id, name, PythonJson.dumps(object.get("arguments")));
    }
}
