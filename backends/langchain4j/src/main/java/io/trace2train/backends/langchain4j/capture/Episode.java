package io.trace2train.backends.langchain4j.capture;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import java.util.List;

/**
 * One conversation as it is written: every message, the final answer included, and the tools the model was offered.
 * {@code complete} is false for a conversation whose last answer asked for tools whose results never came (the agent
 * failed or the recorder was closed mid-call).
 */
record Episode(List<ChatMessage> messages, List<ToolSpecification> tools, boolean complete, String model,
        int modelCalls, long inputTokens, long outputTokens) {

    Episode {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("an episode has at least one message");
        }
    }
}
