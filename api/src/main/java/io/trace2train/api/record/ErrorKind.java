package io.trace2train.api.record;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * Why a unit of work ended in an error: the one vocabulary of records' {@code error.kind}, run summaries and every
 * front door. {@link #json()} is the string records carry.
 */
public enum ErrorKind {
    /** The backend failed (an endpoint's HTTP error, a model that could not generate). */
    BACKEND,
    /** A verifier threw while checking. */
    VERIFIER,
    /** The unit ran past its deadline. */
    TIMEOUT,
    /** An agent episode used up a budget of its own (model steps, tool calls or tokens); the message names which. */
    BUDGET,
    /** The unit was cancelled because its work was no longer needed (enough forks of its task passed). */
    CANCELLED,
    /** The runner, or a plugin, hit a bug or a Java {@code Error}. */
    CRASH,
    /** The task itself is unusable (bad arguments reaching a verifier). */
    TASK,
    /** A record holds a text past the most the readers take. */
    OUTPUT_TOO_LARGE,
    /** A constraint cannot be judged on this answer. */
    NOT_CHECKABLE,
    /** The input given is unusable. */
    BAD_INPUT,
    /** An unexpected failure inside the engine. */
    INTERNAL;

    /** The kind as records write it, e.g. {@code output_too_large}. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code kind} (a record's string) is this kind. */
    public boolean is(String kind) {
        return json().equals(kind);
    }

    /** The kind a record's string names. @throws IllegalArgumentException for an unknown one */
    public static ErrorKind of(String kind) {
        requireNonNull(kind, "kind");
        for (ErrorKind value : values()) {
            if (value.is(kind)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown error kind '" + kind + "'");
    }
}
