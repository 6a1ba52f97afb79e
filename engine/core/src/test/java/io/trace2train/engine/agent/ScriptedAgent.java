package io.trace2train.engine.agent;

import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A tool-calling model that follows a script keyed by the conversation so far: the test double at the backend
 * boundary. Each request is recorded (with its seed) so tests can assert what was sent. Tokens: 10 per message sent,
 * 1 per character answered.
 */
final class ScriptedAgent implements ModelBackend {

    private final Function<GenerationRequest, Generation> script;
    private final boolean tools;
    private final List<GenerationRequest> requests = new ArrayList<>();

    ScriptedAgent(Function<GenerationRequest, Generation> script) {
        this(script, true);
    }

    ScriptedAgent(Function<GenerationRequest, Generation> script, boolean tools) {
        this.script = script;
        this.tools = tools;
    }

    /** A plain answer to the user. */
    static Generation says(String text) {
        return new Generation(text, 0, text.length(), 0);
    }

    /** A message of tool calls (several: parallel calls). */
    static Generation calls(ToolCall... calls) {
        return new Generation("", 0, calls.length, 0, List.of(calls));
    }

    /** Whether the request is the user simulator's (its system message is τ-bench's user prompt). */
    static boolean simulator(GenerationRequest request) {
        return request.messages().getFirst().content().startsWith("You are a user interacting with an agent.");
    }

    /** How many assistant messages the conversation has: which step of the agent's script is asked for. */
    static long step(GenerationRequest request) {
        return request.messages().stream().filter(m -> m.role() == Role.ASSISTANT).count();
    }

    static ChatMessage last(GenerationRequest request) {
        return request.messages().getLast();
    }

    @Override
    public ModelInfo model() {
        return new ModelInfo("scripted-agent", "script", "v1");
    }

    @Override
    public boolean canGenerate() {
        return true;
    }

    @Override
    public boolean supportsTools() {
        return tools;
    }

    @Override
    public Generation generate(GenerationRequest request) {
        synchronized (this) {
            requests.add(request);
        }
        Generation answer = script.apply(request);
        return new Generation(answer.text(), 10 * request.messages().size(), answer.completionTokens(), 0,
                answer.toolCalls());
    }

    synchronized List<GenerationRequest> requests() {
        return List.copyOf(requests);
    }
}
