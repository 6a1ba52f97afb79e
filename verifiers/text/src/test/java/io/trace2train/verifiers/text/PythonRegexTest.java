package io.trace2train.verifiers.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Python {@code re} semantics after translation. The expected values were produced with CPython 3.11
 * ({@code re.findall}); a wider differential run over these classes found no difference.
 */
class PythonRegexTest {

    private static List<String> findAll(String python, String text) {
        return findAll(python, 0, text);
    }

    private static List<String> findAll(String python, int flags, String text) {
        return Span.findAll(PythonRegex.compile(python, flags), text).stream().map(s -> s.in(text)).toList();
    }

    @Test
    void wordClassIsPythonsUnicodeWord() {
        assertEquals(List.of("don", "t", "e", "mail", "3", "14", "foo_bar", "½"),
                findAll("\\w+", "don't e-mail 3.14 foo_bar ½"));
        // Devanagari vowel signs and virama are marks, not \w
        assertEquals(5, PythonRegex.count(PythonRegex.compile("\\w+", 0), "हिन्दी भाषा"));
        assertEquals(List.of("'", " ", "-", " ", "."), findAll("\\W", "don't e-mail 3."));
    }

    @Test
    void spaceClassIsPythonsIsspace() {
        assertEquals(List.of("\u00a0", "\u001c", "\u0085", "\u2028", "\u3000"),
                findAll("\\s", "a\u00a0b\u001cc\u0085d\u2028e\u3000f\u200bg"));
        assertEquals(List.of("a", "b", "c", "d", "e", "f\u200bg"),
                findAll("\\S+", "a\u00a0b\u001cc\u0085d\u2028e\u3000f\u200bg"));
    }

    @Test
    void digitClassIsUnicodeDecimal() {
        assertEquals(List.of("١٢٣", "12"), findAll("\\d+", "١٢٣ 12 ½"));
        assertEquals(List.of(" ", " ½"), findAll("\\D+", "١٢٣ 12 ½"));
    }

    @Test
    void wordBoundaryUsesPythonsWordClass() {
        int flags = PythonRegex.IGNORECASE;
        assertEquals(List.of(), findAll("\\bink\\b", flags, "Thinking"));
        assertEquals(List.of("INK"), findAll("\\bink\\b", flags, "INK-jet"));
        assertEquals(List.of(), findAll("\\bcaf\\b", flags, "café")); // é is \w in Python
        assertEquals(List.of("in", "in"), findAll("\\Bin\\B", "Thinking ink")); // not the one in "ink"
    }

    @Test
    void classesNestPythonClassesAndKeepPythonLiterals() {
        assertEquals(List.of("e-mail", "x_1"), findAll("[\\w-]+", "e-mail, x_1!"));
        assertEquals(List.of("ab"), findAll("[^\\W\\d]+", "12ab3"));
        assertEquals(List.of("["), findAll("[[]", "a[b"));
        assertEquals(List.of("a]"), findAll("[]a]+", "a]b"));
        assertEquals(List.of("&&"), findAll("[a&&b]+", "x&&y"));
        assertEquals(List.of("\b"), findAll("[\\b]", "x\by"));
    }

    @Test
    void bracesThatAreNoQuantifierAreLiterals() {
        assertEquals(List.of("a{"), findAll("a{", "a{"));
        assertEquals(List.of("{x}"), findAll("{x}", "{x}"));
        assertEquals(List.of("x{}"), findAll("x{}", "x{}"));
        assertEquals(List.of("aa", "a"), findAll("a{,2}", "aaa").stream().filter(s -> !s.isEmpty()).toList());
        assertEquals(List.of("aaa"), findAll("a{2,}", "aaa"));
    }

    @Test
    void pythonOnlySyntax() {
        assertEquals(List.of("aa"), findAll("(?P<x>a)(?P=x)", "aab"));
        assertEquals(List.of(), findAll("a\\Z", "a\n")); // Java's \Z would match before the final newline
        assertEquals(List.of("\u000b"), findAll("\\v", "a\u000bb\nc"));
        assertEquals(List.of("A", "é", "😀", "\0"), findAll("\\x41|\\u00e9|\\U0001F600|\\0", "Aé😀\0"));
        assertEquals(List.of("é"), findAll("\\é", "é"));
    }

    @Test
    void dotAndAnchorsKnowOnlyNewline() {
        assertEquals(List.of("a\r", "b\u0085c\u2028d"), findAll(".+", "a\r\nb\u0085c\u2028d"));
        Pattern lineEnd = PythonRegex.compile("b$", PythonRegex.MULTILINE);
        assertFalse(lineEnd.matcher("b\r\n").find());
        assertTrue(lineEnd.matcher("b\n").find());
    }

    @Test
    void emptyMatchesStepByCodePoint() {
        // Python: ['', '', '']; Java alone would also match between the surrogates of the emoji
        assertEquals(3, PythonRegex.count(PythonRegex.compile("x*", 0), "a😀"));
        assertEquals(List.of("", "", ""), findAll("x*", "a😀"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\q", "\\Q", "(", "[a", "\\x4", "\\", "a**", "[\\Z]"})
    void invalidPatternsAreRejected(String python) {
        assertThrows(PatternSyntaxException.class, () -> PythonRegex.compile(python, 0));
    }
}
