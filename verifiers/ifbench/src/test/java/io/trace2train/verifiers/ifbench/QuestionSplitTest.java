package io.trace2train.verifiers.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trace2train.verifiers.text.PythonRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** custom:mcq_count_length's split equals the reference's regex split, and stays linear on runs of newlines. */
class QuestionSplitTest {

    private static final Pattern REFERENCE = PythonRegex.compile("\\n*(?:Question \\d+[\\.|\\):;]?\\s*)", 0);

    /** Python's re.split with a pattern that never matches empty: every piece, leading and trailing kept. */
    private static List<String> pythonSplit(String text) {
        List<String> parts = new ArrayList<>();
        Matcher m = REFERENCE.matcher(text);
        int previous = 0;
        while (m.find()) {
            parts.add(text.substring(previous, m.start()));
            previous = m.end();
        }
        parts.add(text.substring(previous));
        return parts;
    }

    @Test
    void agreesWithTheRegexSplit() {
        for (String text : List.of("Question 1: a\nA) x\n\n\nQuestion 2) b\n", "\n\nQuestion 1 a", "no labels",
                "Question one\nQuestion 2.\n\nQuestion\n3", "x\n\nQuestion 12;\n\n\nQuestion 3|y", "Question 1",
                "\n\n\n", "a\nQuestion \u0663: z")) {
            assertEquals(pythonSplit(text), CustomChecks.splitQuestions(text), text);
        }
    }

    @Test
    void longRunsOfNewlinesAreOnePass() {
        String text = "Question 1: a" + "\n".repeat(200_000) + "b";
        assertEquals(List.of("", "a" + "\n".repeat(200_000) + "b"), CustomChecks.splitQuestions(text));
    }
}
