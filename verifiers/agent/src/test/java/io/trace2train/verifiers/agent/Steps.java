package io.trace2train.verifiers.agent;

import io.trace2train.api.env.ToolCall;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Episode;
import io.trace2train.api.verify.StepEvidence;
import io.trace2train.api.verify.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Hand-made episodes over τ-bench's real airline tools ({@code examples/tau-bench/airline/tools.json}). */
final class Steps {

    static final List<ToolDefinition> TOOLS = load();

    private Steps() {
    }

    private static List<ToolDefinition> load() {
        try {
            return TauBenchEpisodes.tools();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ToolCall call(String id, String name, String arguments) {
        return new ToolCall(id, name, arguments);
    }

    static ChatMessage calls(ToolCall... calls) {
        return ChatMessage.assistant(null, List.of(calls));
    }

    static ChatMessage result(String id, String name, String content) {
        return ChatMessage.tool(id, name, content);
    }

    /** A system and a user message, then these. */
    static Episode episode(ChatMessage... messages) {
        List<ChatMessage> all = new java.util.ArrayList<>(List.of(ChatMessage.system("policy"),
                ChatMessage.user("help me")));
        all.addAll(List.of(messages));
        return new Episode(all, TOOLS);
    }

    /** The (message, call id) pairs a verdict blames. */
    static List<String> blamed(Verdict verdict) {
        return verdict.steps().stream().map(Steps::where).toList();
    }

    private static String where(StepEvidence step) {
        return step.message() + ":" + step.callId();
    }
}
