package io.trace2train.verifiers.ifbench;

import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A word of {@code text.split()} as a check sees it (lowered, punctuation deleted, ...) with the range of the response
 * it came from, so a failure can point at it.
 *
 * @param text the word after the check's transformation
 * @param start first char index in the response, inclusive
 * @param end last char index, exclusive
 */
record Word(String text, int start, int end) {

    /**
     * The words of {@code transform(response).split()}, for a transformation that never adds or removes whitespace
     * (lower-casing, deleting ASCII punctuation): such a split is the split of the response with each word
     * transformed, less the words that become empty.
     */
    static List<Word> split(String response, UnaryOperator<String> transform) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        int n = response.length();
        while (i < n) {
            i = PythonText.stripStart(response, i, n);
            int start = i;
            while (i < n && !PythonText.isSpace(response.charAt(i))) {
                i++;
            }
            if (i > start) {
                String word = transform.apply(response.substring(start, i));
                if (!word.isEmpty()) {
                    words.add(new Word(word, start, i));
                }
            }
        }
        return words;
    }

    Evidence evidence(String reason) {
        return new Evidence(start, end, reason);
    }
}
