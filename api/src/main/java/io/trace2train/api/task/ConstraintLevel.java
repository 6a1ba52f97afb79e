package io.trace2train.api.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A hard constraint must pass for a run to pass; a soft one only adds to the reward. */
public enum ConstraintLevel {
    HARD, SOFT;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ConstraintLevel parse(String text) {
        for (ConstraintLevel level : values()) {
            if (level.json().equals(text)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown level '" + text + "': expected hard or soft");
    }
}
