package io.trace2train.verifiers.ifeval.repair;

import io.trace2train.api.text.PythonText;
import java.util.List;

/** A title for an answer that lacks one: its first line when that reads as a heading, else a neutral one. */
final class Titles {

    private static final int MAX_WORDS = 10;

    private Titles() {
    }

    static String from(String text) {
        String first = PythonText.strip(text.lines().filter(l -> !PythonText.isBlank(l)).findFirst().orElse(""));
        String heading = PythonText.strip(PythonText.strip(first, "#*_ "));
        List<String> words = PythonText.split(heading);
        boolean usable = !words.isEmpty() && words.size() <= MAX_WORDS && heading.indexOf('<') < 0
                && heading.indexOf('>') < 0;
        return usable ? String.join(" ", words) : "Answer";
    }
}
