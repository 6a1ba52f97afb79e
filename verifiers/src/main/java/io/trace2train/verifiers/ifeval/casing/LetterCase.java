package io.trace2train.verifiers.ifeval.casing;

import io.trace2train.api.text.PythonText;

/**
 * The case a whole response must be in, with Python's meaning: {@code str.isupper()} / {@code str.islower()} need at
 * least one cased character and none of the other case or of title case (as in {@code ǅ}).
 */
enum LetterCase {
    UPPER("capital", "lowercase"),
    LOWER("lowercase", "capital");

    private final String name;
    private final String otherName;

    LetterCase(String name, String otherName) {
        this.name = name;
        this.otherName = otherName;
    }

    /** {@code "capital"} or {@code "lowercase"}. */
    String label() {
        return name;
    }

    /** How the characters that break the rule are called: the other case (title case goes with it). */
    String offendingLabel() {
        return otherName;
    }

    /** Python's {@code isupper()} / {@code islower()} of the whole text. */
    boolean holds(String text) {
        return this == UPPER ? PythonText.isUpper(text) : PythonText.isLower(text);
    }

    /** A code point that makes {@link #holds} false wherever it occurs. */
    boolean offends(int c) {
        return Character.isTitleCase(c) || (this == UPPER ? Character.isLowerCase(c) : Character.isUpperCase(c));
    }

    /** A code point in this case. */
    boolean fits(int c) {
        return this == UPPER ? Character.isUpperCase(c) : Character.isLowerCase(c);
    }
}
