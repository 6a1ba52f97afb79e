package io.trace2train.verifiers.ifeval.format;

import static io.trace2train.verifiers.ifeval.Checks.check;
import static io.trace2train.verifiers.ifeval.Checks.evidenceRanges;
import static io.trace2train.verifiers.ifeval.Checks.evidenceTexts;
import static io.trace2train.verifiers.ifeval.Checks.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.verify.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormatVerifiersTest {

    @Nested
    class BulletLists {

        private static final String ID = "detectable_format:number_bullet_lists";

        private boolean bullets(int n, String response) {
            return passes(ID, Map.of("num_bullets", n), response);
        }

        @Test
        void starAndDashLinesCount() {
            assertTrue(bullets(2, "Intro\n* a\n* b"));
            assertTrue(bullets(2, "- a\n  - b"));
            assertFalse(bullets(3, "* a\n* b"));
            assertTrue(bullets(0, ""));
        }

        @Test
        void referenceQuirks() {
            assertTrue(bullets(2, "*\n* a\n* b")); // a lone '*' line swallows the next
            assertTrue(bullets(3, "- a\n---\n-5")); // every line starting with '-' counts
            assertTrue(bullets(0, "+ a\n1. b\n**Bold**")); // '+', numbers and bold lines do not
            assertTrue(bullets(1, "* **Bold**"));
        }

        @Test
        void extraBulletsAreBlamed() {
            String response = "* a\n- b\n* c\n  - d";
            Verdict verdict = check(ID, Map.of("num_bullets", 2), response);
            assertEquals("4 bullet points", verdict.measured());
            assertEquals("exactly 2", verdict.required());
            assertEquals("Use exactly 2 bullet points ('* ' or '- ' lines); the response has 4: remove 2.",
                    verdict.hint());
            assertEquals(List.of("* c", "- d"), evidenceTexts(verdict, response));
            assertEquals(List.of(List.of(8, 11), List.of(14, 17)), evidenceRanges(verdict));
        }

        @Test
        void tooFewIsAnAbsence() {
            Verdict verdict = check(ID, Map.of("num_bullets", 3), "* a");
            assertEquals("Use exactly 3 bullet points ('* ' or '- ' lines); the response has 1: add 2.",
                    verdict.hint());
            assertEquals(List.of(), verdict.evidence());
        }
    }

    @Nested
    class ConstrainedResponse {

        private static final String ID = "detectable_format:constrained_response";

        @Test
        void containsOneAnswerPhraseExactly() {
            assertTrue(passes(ID, "My answer is yes."));
            assertTrue(passes(ID, "Well... My answer is maybe. Because."));
            assertFalse(passes(ID, "my answer is yes."));
            assertFalse(passes(ID, "My answer is yes"));
            assertFalse(passes(ID, ""));
        }
    }

    @Nested
    class HighlightedSections {

        private static final String ID = "detectable_format:number_highlighted_sections";

        private boolean highlights(int n, String response) {
            return passes(ID, Map.of("num_highlights", n), response);
        }

        @Test
        void referenceCounting() {
            assertTrue(highlights(1, "**bold**"));
            assertFalse(highlights(2, "**bold**")); // single-star pass sees two empty "**"
            assertTrue(highlights(2, "*a* and *b*"));
            assertTrue(highlights(2, "***x***")); // single pass finds *x*, double pass **x**
            assertFalse(highlights(3, "***x***"));
            assertFalse(highlights(1, "* *")); // blank inside
            assertFalse(highlights(1, "*a\nb*")); // not across lines
        }

        @Test
        void tooFewIsAnAbsence() {
            Verdict verdict = check(ID, Map.of("num_highlights", 2), "*only*");
            assertEquals("1 highlighted section", verdict.measured());
            assertEquals("at least 2", verdict.required());
            assertEquals(List.of(), verdict.evidence());
        }
    }

    @Nested
    class MultipleSections {

        private static final String ID = "detectable_format:multiple_sections";

        private boolean sections(String spliter, int n, String response) {
            return passes(ID, Map.of("section_spliter", spliter, "num_sections", n), response);
        }

        @Test
        void markersAreCaseSensitiveRawRegexes() {
            assertTrue(sections("SECTION", 2, "SECTION 1\nfoo\nSECTION 2\nbar"));
            assertFalse(sections("SECTION", 1, "Section 1\nfoo")); // case-sensitive
            assertTrue(sections("Section", 1, "Section 1\nfoo"));
            assertTrue(sections("SECTION", 1, "SUBSECTION 3")); // inside a word
            assertTrue(sections("SECTION", 1, "SECTION1"));
            assertTrue(sections("Section", 1, "Section 2.5"));
            assertTrue(sections(" Day ", 2, "Day 1: x\nDay ٢: y")); // stripped; \d is Unicode
            assertFalse(sections("SECTION", 1, ""));
        }
    }

    @Nested
    class JsonFormat {

        private static final String ID = "detectable_format:json_format";

        @ParameterizedTest
        @ValueSource(strings = {
            "{\"a\": 1}",
            "  [1, 2]\n",
            "```json\n{\"a\": [true, null]}\n```",
            "```JSON\n{}\n```",
            "```Json\n{}\n```",
            "```\n{}\n```",
            "\"just a string\"",
            "123",
            "NaN",
            "Infinity",
            "[-Infinity, NaN]",
            "{\"a\": 1, \"a\": 2}",
            "\u00a0{}\u2028", // Python strip() whitespace around it
            "[\"\\ud800\"]", // lone surrogate escape
            "[1]\u000c", // strip() removes the form feed before json.loads
        })
        void acceptedLikeJsonLoads(String response) {
            assertTrue(passes(ID, response), response);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "",
            "```json\n```",
            "```javascript\n{}\n```",
            "{} {}",
            "{}x",
            "{\"a\": 1} trailing",
            "{\"a\": \"line\nbreak\"}", // raw control char in a string
            "{\"a\": \"tab\tin\"}",
            "+Infinity",
            "-INF",
            "INF",
            "nan",
            "[1,]",
            "{'a': 1}",
            "01",
            "\ufeff{}", // Python reports an unexpected BOM
            "{\"a\": 1",
            "[1,\u000c2]", // a form feed is no JSON whitespace
        })
        void rejectedLikeJsonLoads(String response) {
            assertFalse(passes(ID, response), response);
        }

        @Test
        void integersBeyondPythonsDigitLimitAreRejected() {
            assertTrue(passes(ID, "1".repeat(4300)));
            assertFalse(passes(ID, "1".repeat(4301)));
            assertTrue(passes(ID, "-" + "1".repeat(4300)));
            assertTrue(passes(ID, "1".repeat(5000) + ".0")); // floats have no limit
        }

        @Test
        void failurePointsAtTheError() {
            String response = "```json\n{\"a\": 1,}\n```";
            Verdict verdict = check(ID, Map.of(), response);
            assertFalse(verdict.passed());
            assertEquals(1, verdict.evidence().size());
            assertEquals("}", evidenceTexts(verdict, response).getFirst());
            assertTrue(verdict.measured().startsWith("not valid JSON: "), verdict.measured());
        }

        @Test
        void trailingDataIsBlamed() {
            String response = "{\"a\": 1}\n{\"b\": 2}";
            Verdict verdict = check(ID, Map.of(), response);
            assertEquals(List.of("{\"b\": 2}"), evidenceTexts(verdict, response));
        }
    }

    @Nested
    class Title {

        private static final String ID = "detectable_format:title";

        @Test
        void titleInDoubleAngleBrackets() {
            assertTrue(passes(ID, "<<poem of joy>>\nText"));
            assertTrue(passes(ID, "<<a>> and <<b>>")); // one greedy match
            assertTrue(passes(ID, "<<<a>>>"));
            assertFalse(passes(ID, "<<>>"));
            assertFalse(passes(ID, "<< >>"));
            assertFalse(passes(ID, "<<<>>>"));
            assertFalse(passes(ID, "<<a\nb>>"));
            assertFalse(passes(ID, ""));
        }

        @Test
        void emptyTitlesAreBlamedAMissingOneIsNot() {
            String response = "<< >> text";
            Verdict verdict = check(ID, Map.of(), response);
            assertEquals("only empty titles", verdict.measured());
            assertEquals(List.of("<< >>"), evidenceTexts(verdict, response));
            Verdict none = check(ID, Map.of(), "no title");
            assertEquals("no title", none.measured());
            assertEquals(List.of(), none.evidence());
        }
    }
}
