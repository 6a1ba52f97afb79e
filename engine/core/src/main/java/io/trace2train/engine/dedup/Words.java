package io.trace2train.engine.dedup;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A text as the words it is compared by: NFKC-normalised, lower-cased, split at every character that is not a letter
 * or a digit. So casing, white space, punctuation and full-width forms never tell two texts apart; word order does.
 */
public final class Words {

    private Words() {
    }

    /** The words of {@code text}, in order. */
    public static List<String> of(String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < normal.length(); ) {
            int cp = normal.codePointAt(i);
            boolean inWord = Character.isLetterOrDigit(cp);
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words.add(normal.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            words.add(normal.substring(start));
        }
        return words;
    }

    /** Words {@code from} (inclusive) to {@code to} (exclusive) joined by one space: an n-gram as reports show it. */
    public static String join(List<String> words, int from, int to) {
        return String.join(" ", words.subList(from, to));
    }
}
