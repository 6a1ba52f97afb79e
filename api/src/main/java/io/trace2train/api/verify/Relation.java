package io.trace2train.api.verify;

import java.util.Optional;

/** How a measured count is compared with a required one. */
public enum Relation {
    LESS_THAN("less than"),
    AT_LEAST("at least");

    private final String text;

    Relation(String text) {
        this.text = text;
    }

    /** The spelling used in task data, e.g. {@code "less than"}. */
    public String text() {
        return text;
    }

    public boolean holds(long measured, long required) {
        return this == LESS_THAN ? measured < required : measured >= required;
    }

    /** Parses the exact spelling used in the data; anything else is empty. */
    public static Optional<Relation> parse(String text) {
        for (Relation relation : values()) {
            if (relation.text.equals(text)) {
                return Optional.of(relation);
            }
        }
        return Optional.empty();
    }

    /** "fewer than 5" / "at least 5", for hints. */
    public String describe(long required) {
        return (this == LESS_THAN ? "fewer than " : "at least ") + required;
    }
}
