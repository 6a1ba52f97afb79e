package io.trace2train.verifiers.ifeval.keywords;

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

class KeywordVerifiersTest {

    @Nested
    class Existence {

        private static final String ID = "keywords:existence";

        @Test
        void keywordIsASubstringRegexIgnoringCase() {
            assertTrue(passes(ID, Map.of("keywords", List.of("ink")), "Thinking")); // no word boundaries
            assertTrue(passes(ID, Map.of("keywords", List.of("Ink", "colou?r")), "INK in color"));
            assertTrue(passes(ID, Map.of("keywords", List.of("caf\\w")), "un café")); // Python's Unicode \w
        }

        @Test
        void everyKeywordMustOccur() {
            Verdict verdict = check(ID, Map.of("keywords", List.of("alpha", "beta", "gamma")), "Alpha only");
            assertFalse(verdict.passed());
            assertEquals("missing 'beta', 'gamma'", verdict.measured());
            assertEquals("contains 'alpha', 'beta', 'gamma'", verdict.required());
            assertTrue(verdict.hint().contains("'beta', 'gamma'"), verdict.hint());
            assertEquals(List.of(), verdict.evidence()); // an absence has no range
        }

        @Test
        void emptyResponseHasNoKeyword() {
            assertFalse(passes(ID, Map.of("keywords", List.of("a")), ""));
        }
    }

    @Nested
    class Frequency {

        private static final String ID = "keywords:frequency";

        private Map<String, Object> args(String keyword, int frequency, String relation) {
            return Map.of("keyword", keyword, "frequency", frequency, "relation", relation);
        }

        @Test
        void matchesAreNonOverlappingSubstrings() {
            assertTrue(passes(ID, args("aa", 2, "at least"), "aaaa"));
            assertFalse(passes(ID, args("aa", 3, "at least"), "aaaa"));
            assertTrue(passes(ID, args("cat", 3, "less than"), "Cat concatenate")); // 2 < 3
            assertFalse(passes(ID, args("cat", 2, "less than"), "Cat concatenate"));
        }

        @Test
        void keywordIsStripped() {
            assertTrue(passes(ID, args("  dog ", 1, "at least"), "hotdog"));
        }

        @Test
        void tooFewIsAnAbsence() {
            Verdict verdict = check(ID, args("dog", 3, "at least"), "A dog.");
            assertEquals("1 occurrence of 'dog'", verdict.measured());
            assertEquals("at least 3", verdict.required());
            assertEquals("Use at least 3 occurrences of 'dog' (any letter case); the response has 1: add 2.",
                    verdict.hint());
            assertEquals(List.of(), verdict.evidence());
        }

        @Test
        void tooManyBlamesEveryOccurrence() {
            String response = "Dog, dog and DOG.";
            Verdict verdict = check(ID, args("dog", 2, "less than"), response);
            assertEquals("3 occurrences of 'dog'", verdict.measured());
            assertEquals("fewer than 2", verdict.required());
            assertEquals("Use fewer than 2 occurrences of 'dog' (any letter case); the response has 3: remove 2.",
                    verdict.hint());
            assertEquals(List.of(List.of(0, 3), List.of(5, 8), List.of(13, 16)), evidenceRanges(verdict));
        }
    }

    @Nested
    class ForbiddenWords {

        private static final String ID = "keywords:forbidden_words";

        @Test
        void wordsMatchAsWholeWordsIgnoringCase() {
            Map<String, Object> args = Map.of("forbidden_words", List.of("ink"));
            assertTrue(passes(ID, args, "Thinking"));
            assertFalse(passes(ID, args, "INK-jet"));
            assertTrue(passes(ID, Map.of("forbidden_words", List.of("caf")), "café")); // é is a word char
            assertTrue(passes(ID, args, ""));
        }

        @Test
        void evidenceIsEveryOccurrenceOfEveryUsedWord() {
            String response = "Very good, really very good.";
            Verdict verdict = check(ID, Map.of("forbidden_words", List.of("very", "really", "bad", "very")),
                    response);
            assertFalse(verdict.passed());
            assertEquals(List.of("Very", "really", "very"), evidenceTexts(verdict, response));
            assertEquals(List.of(List.of(0, 4), List.of(11, 17), List.of(18, 22)), evidenceRanges(verdict));
            assertEquals("uses 'very' (2×), 'really' (1×)", verdict.measured());
            assertEquals("none of 'very', 'really', 'bad'", verdict.required()); // deduplicated
        }
    }

    @Nested
    class LetterFrequency {

        private static final String ID = "keywords:letter_frequency";

        private Map<String, Object> args(String letter, int frequency, String relation) {
            return Map.of("letter", letter, "let_frequency", frequency, "let_relation", relation);
        }

        @Test
        void countsEitherCase() {
            assertTrue(passes(ID, args("a", 3, "at least"), "A banana")); // A, a, a, a
            assertFalse(passes(ID, args("A", 4, "less than"), "A banana"));
        }

        @Test
        void nonLettersAreCountedLiterally() {
            // the 2025 rule, used by the data for keys 1122 ('#') and 1129 ('!')
            assertTrue(passes(ID, args("#", 2, "at least"), "# a\n## b"));
            assertTrue(passes(ID, args("!", 1, "less than"), "No exclamation."));
            assertFalse(passes(ID, args("!", 1, "less than"), "Wow!"));
        }

        @Test
        void tooManyBlamesEachOccurrenceInTheOriginalText() {
            // "İ" lowercases to two chars ("i" and a combining dot); ranges still point into the original
            String response = "İzmir is";
            Verdict verdict = check(ID, args("i", 3, "less than"), response);
            assertEquals("3 occurrences of the letter 'i'", verdict.measured());
            assertEquals(List.of(List.of(0, 1), List.of(3, 4), List.of(6, 7)), evidenceRanges(verdict));
        }

        @Test
        void emptyOrLongerLettersAreRejected() {
            for (String letter : List.of("", "ab", "  ")) {
                InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                        () -> Checks.create(ID, args(letter, 1, "at least")));
                assertEquals("letter", e.problems().getFirst().field());
                assertEquals(ID, e.problems().getFirst().instructionId());
            }
        }

        @Test
        void oneWhitespaceCharIsRejected() {
            assertThrows(InvalidArgumentsException.class, () -> Checks.create(ID, args(" ", 1, "at least")));
        }
    }
}
