package io.trace2train.api.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who speaks a chat message. Written in lower case in JSON, as chat APIs and trainers expect. */
public enum Role {
    SYSTEM, USER, ASSISTANT,
    /** A tool's result, answering one call of the assistant message before it. */
    TOOL;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.json().equals(text)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "': expected system, user, assistant or tool");
    }
}
