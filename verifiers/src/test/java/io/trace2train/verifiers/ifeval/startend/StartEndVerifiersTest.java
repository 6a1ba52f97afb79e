package io.trace2train.verifiers.ifeval.startend;

import static io.trace2train.verifiers.ifeval.Checks.check;
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

class StartEndVerifiersTest {

    @Nested
    class EndChecker {

        private static final String ID = "startend:end_checker";

        private boolean ends(String phrase, String response) {
            return passes(ID, Map.of("end_phrase", phrase), response);
        }

        @Test
        void quoteHandling() {
            assertFalse(ends("Bye now.", "Bye now. \"")); // quote stripped, then the space stays
            assertTrue(ends("Bye now.", "  \"Bye now.\"  "));
            assertTrue(ends("Bye now.", "\"\"Bye now.\"\""));
            assertFalse(ends("Bye now.", "Bye now.”")); // only the ASCII quote is stripped
        }

        @Test
        void phraseAndResponseAreStrippedAndLowercased() {
            assertTrue(ends(" Any other questions? ", "Text.\nANY OTHER QUESTIONS?\u00a0\u0085"));
            assertFalse(ends("Any other questions?", "Any other questions? Thanks."));
            assertFalse(ends("Any other questions?", ""));
        }

        @Test
        void theWrongEndingIsBlamed() {
            String response = "Text. Any other questions? Bye.";
            Verdict verdict = check(ID, Map.of("end_phrase", "Any other questions?"), response);
            assertFalse(verdict.passed());
            // the last len(phrase) characters, where the phrase should be
            assertEquals("ends with 'ther questions? Bye.'", verdict.measured());
            assertEquals(List.of("ther questions? Bye."), evidenceTexts(verdict, response));
            assertEquals("End the response with the exact phrase 'Any other questions?', with nothing after it.",
                    verdict.hint());
        }
    }

    @Nested
    class Quotation {

        private static final String ID = "startend:quotation";

        @Test
        void straightDoubleQuotesAroundTheStrippedResponse() {
            assertTrue(passes(ID, "\"Hello\""));
            assertTrue(passes(ID, " \u00a0\"Hello\"\n\u001c"));
            assertTrue(passes(ID, "\"\""));
            assertFalse(passes(ID, "\""));
            assertFalse(passes(ID, "“Hello”"));
            assertFalse(passes(ID, "\"Hello\" she said"));
            assertFalse(passes(ID, ""));
        }

        @Test
        void curlyQuotesAreBlamed() {
            String response = "“Hello”";
            Verdict verdict = check(ID, Map.of(), response);
            assertEquals(List.of("“", "”"), evidenceTexts(verdict, response));
            assertEquals("no enclosing double quotes", verdict.measured());
        }
    }
}
