package io.trace2train.verifiers.ifeval.length;

import static io.trace2train.verifiers.ifeval.Checks.check;
import static io.trace2train.verifiers.ifeval.Checks.evidenceRanges;
import static io.trace2train.verifiers.ifeval.Checks.evidenceTexts;
import static io.trace2train.verifiers.ifeval.Checks.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.verify.Verdict;
import io.trace2train.verifiers.ifeval.Checks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LengthVerifiersTest {

    @Nested
    class NumberParagraphs {

        private static final String ID = "length_constraints:number_paragraphs";

        private boolean paragraphs(int n, String response) {
            return passes(ID, Map.of("num_paragraphs", n), response);
        }

        @Test
        void referenceExamples() {
            assertTrue(paragraphs(2, "a *** b ***")); // parts [a, b, ""]: a blank last part does not count
            assertFalse(paragraphs(2, "a *** *** b")); // a blank part in the middle fails outright
            assertTrue(paragraphs(2, "a\n****\nb")); // splits after three stars: ["a", "*\nb"]
            assertTrue(paragraphs(1, "just one"));
            assertTrue(paragraphs(0, ""));
        }

        @Test
        void separatorTakesAtMostOnePythonSpaceOnEachSide() {
            assertTrue(paragraphs(2, "a\u00a0***\u001cb"));
            assertTrue(paragraphs(3, "a***b***c"));
        }

        @Test
        void emptyMiddleParagraphIsBlamed() {
            String response = "a *** *** b";
            Verdict verdict = check(ID, Map.of("num_paragraphs", 2), response);
            assertFalse(verdict.passed());
            assertEquals(List.of(" *** *** "), evidenceTexts(verdict, response));
        }

        @Test
        void extraParagraphsAreBlamed() {
            String response = "one\n***\ntwo\n***\nthree\n***\nfour";
            Verdict verdict = check(ID, Map.of("num_paragraphs", 2), response);
            assertEquals("4 paragraphs", verdict.measured());
            assertEquals("exactly 2", verdict.required());
            assertEquals("Use exactly 2 paragraphs separated by '***'; the response has 4: remove 2.",
                    verdict.hint());
            assertEquals(List.of("three", "four"), evidenceTexts(verdict, response));
        }
    }

    @Nested
    class NumberWords {

        private static final String ID = "length_constraints:number_words";

        private boolean words(int n, String relation, String response) {
            return passes(ID, Map.of("num_words", n, "relation", relation), response);
        }

        @Test
        void wordsArePythonUnicodeWordRuns() {
            assertTrue(words(5, "at least", "हिन्दी भाषा"));
            assertFalse(words(6, "at least", "हिन्दी भाषा"));
            assertTrue(words(8, "at least", "don't e-mail 3.14 foo_bar ½"));
            assertTrue(words(9, "less than", "don't e-mail 3.14 foo_bar ½"));
            assertFalse(words(8, "less than", "don't e-mail 3.14 foo_bar ½"));
            assertTrue(words(1, "less than", ""));
        }

        @Test
        void tooManyBlamesTheWordsPastTheLimit() {
            String response = "one two three four five";
            Verdict verdict = check(ID, Map.of("num_words", 3, "relation", "less than"), response);
            assertEquals("5 words", verdict.measured());
            assertEquals("fewer than 3", verdict.required());
            assertEquals("Use fewer than 3 words; the response has 5: remove 3.", verdict.hint());
            assertEquals(List.of("three four five"), evidenceTexts(verdict, response));
        }

        @Test
        void tooFewIsAnAbsence() {
            Verdict verdict = check(ID, Map.of("num_words", 10, "relation", "at least"), "two words");
            assertEquals("Use at least 10 words; the response has 2: add 8.", verdict.hint());
            assertEquals(List.of(), verdict.evidence());
        }
    }

    @Nested
    class NthParagraphFirstWord {

        private static final String ID = "length_constraints:nth_paragraph_first_word";

        private Map<String, Object> args(int paragraphs, int nth, String word) {
            return Map.of("num_paragraphs", paragraphs, "nth_paragraph", nth, "first_word", word);
        }

        @Test
        void firstWordLosesQuotesAndStopsAtPunctuation() {
            assertTrue(passes(ID, args(1, 1, "hello"), "\"Hello,\" she said"));
            assertTrue(passes(ID, args(2, 2, "Intro"), "x\n\n'INTRO, text"));
            assertFalse(passes(ID, args(1, 1, "hello"), "**Hello** y")); // '*' is kept: "**hello**"
            assertTrue(passes(ID, args(1, 1, "**hello**"), "**Hello** y"));
            assertFalse(passes(ID, args(1, 1, "state"), "State:of the art")); // ':' is kept
            assertTrue(passes(ID, args(1, 1, "state:of"), "State:of the art"));
        }

        @Test
        void blankPartsDoNotCountButIndexTheUnfilteredList() {
            // parts [a, "", b, c]: 3 paragraphs, yet parts[1] is blank
            assertFalse(passes(ID, args(3, 2, "b"), "a\n\n\n\nb\n\nc"));
            assertTrue(passes(ID, args(3, 3, "b"), "a\n\n\n\nb\n\nc"));
            // "\n\n\n" leaves a part starting with "\n", which strip() removes
            assertTrue(passes(ID, args(2, 2, "b"), "a\n\n\nb"));
        }

        @Test
        void paragraphCountMustBeExact() {
            assertFalse(passes(ID, args(2, 1, "a"), "a\n\nb\n\nc"));
            assertFalse(passes(ID, args(3, 3, "c"), "a\n\nb"));
            assertFalse(passes(ID, args(1, 1, "a"), ""));
        }

        @Test
        void wrongFirstWordIsBlamed() {
            String response = "Intro text.\n\nHowever, the second.";
            Verdict verdict = check(ID, args(2, 2, "Therefore"), response);
            assertFalse(verdict.passed());
            assertEquals("2 paragraphs; paragraph 2 starts with 'however'", verdict.measured());
            assertEquals(List.of("However,"), evidenceTexts(verdict, response));
            assertEquals(List.of(List.of(13, 21)), evidenceRanges(verdict));
            assertTrue(verdict.hint().contains("'therefore'"), verdict.hint());
        }

        @Test
        void nthParagraphMustBeInRange() {
            InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                    () -> Checks.create(ID, args(2, 3, "a")));
            assertEquals("nth_paragraph", e.problems().getFirst().field());
            assertThrows(InvalidArgumentsException.class, () -> Checks.create(ID, args(2, 0, "a")));
        }
    }
}
