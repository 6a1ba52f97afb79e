package io.trace2train.verifiers.text.nltk;

import static java.util.Objects.requireNonNull;

/**
 * A word token and the range of the original text it came from. The range covers the token's text, except for
 * quotes the tokenizer rewrites ({@code "} becomes {@code ``} or {@code ''}), whose range covers the original quote.
 *
 * @param text the token as NLTK returns it
 * @param start first char index in the original text, inclusive
 * @param end last char index, exclusive
 */
public record WordToken(String text, int start, int end) {

    public WordToken {
        requireNonNull(text, "text");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad token range [" + start + ", " + end + ")");
        }
    }
}
