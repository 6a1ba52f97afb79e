package io.trace2train.api.task;

import static java.util.Objects.requireNonNull;

/**
 * One message of a conversation.
 *
 * @param role who speaks
 * @param content the text
 */
public record ChatMessage(Role role, String content) {

    public ChatMessage {
        requireNonNull(role, "role");
        requireNonNull(content, "content");
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }
}
