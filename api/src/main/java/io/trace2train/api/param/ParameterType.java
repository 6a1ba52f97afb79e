package io.trace2train.api.param;

import io.trace2train.api.verify.Relation;

/** The JSON types a verifier argument can have. */
public enum ParameterType {
    /** A JSON string. */
    STRING("a string"),
    /** A JSON integer (a number without a fraction). */
    INTEGER("an integer"),
    /** A JSON array of strings. */
    STRING_LIST("a list of strings"),
    /** A JSON string naming a {@link Relation}: {@code "less than"} or {@code "at least"}. */
    RELATION("\"less than\" or \"at least\""),
    /** A JSON boolean. */
    BOOLEAN("true or false"),
    /** A JSON array of objects (JSON-shaped maps), e.g. the tool calls an episode constraint expects. */
    OBJECT_LIST("a list of objects");

    private final String expected;

    ParameterType(String expected) {
        this.expected = expected;
    }

    /** How an error message names the expected value. */
    public String expected() {
        return expected;
    }
}
