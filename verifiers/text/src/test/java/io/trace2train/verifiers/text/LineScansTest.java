package io.trace2train.verifiers.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each linear scan gives exactly the spans of the regex it replaces, on every short text over a hostile alphabet. */
class LineScansTest {


    private static void assertSameAsRegex(String pythonRegex, int flags, Function<String, List<Span>> scan,
            String alphabet, int maxLength) {
        Pattern pattern = PythonRegex.compile(pythonRegex, flags);
        int k = alphabet.length();
        for (int length = 0; length <= maxLength; length++) {
            int total = (int) Math.pow(k, length);
            char[] chars = new char[length];
            for (int code = 0; code < total; code++) {
                int c = code;
                for (int i = 0; i < length; i++) {
                    chars[i] = alphabet.charAt(c % k);
                    c /= k;
                }
                String text = new String(chars);
                assertEquals(Span.findAll(pattern, text), scan.apply(text), () -> pythonRegex + " on "
                        + text.replace("\n", "\\n"));
            }
        }
    }

    @Test
    void starBulletsAreTheRegexMatches() {
        assertSameAsRegex("^\\s*\\*[^\\*].*$", PythonRegex.MULTILINE, t -> LineScans.bulletLines(t, '*', true),
                " \n*a\t", 8);
        assertSameAsRegex("^\\s*\\*[^\\*].*$", PythonRegex.MULTILINE, t -> LineScans.bulletLines(t, '*', true),
                " \n*\ud83d\ude00", 7);
    }

    @Test
    void dashBulletsAreTheRegexMatches() {
        assertSameAsRegex("^\\s*-.*$", PythonRegex.MULTILINE, t -> LineScans.bulletLines(t, '-', false),
                " \n-a\u3000", 8);
    }

    @Test
    void placeholdersAreTheRegexMatches() {
        assertSameAsRegex("\\[.*?\\]", 0, LineScans::bracketed, "[]\na", 9);
    }

    @Test
    void titlesAreTheRegexMatches() {
        assertSameAsRegex("<<[^\\n]+>>", 0, LineScans::doubleAngled, "<>\na", 9);
        assertSameAsRegex("<<[^\\n]+>>", 0, LineScans::doubleAngled, "<>\ud83d\ude00", 8);
    }
}
