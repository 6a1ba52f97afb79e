package io.trace2train.verifiers.ifeval.combination;

import static io.trace2train.verifiers.ifeval.Checks.check;
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

class CombinationVerifiersTest {

    @Nested
    class TwoResponses {

        private static final String ID = "combination:two_responses";

        @Test
        void referenceExamples() {
            assertTrue(passes(ID, "a ****** b"));
            assertTrue(passes(ID, "a ******* b")); // ["a ", "* b"]
            assertTrue(passes(ID, "****** a ****** b ******")); // blank first and last parts are fine
            assertFalse(passes(ID, "a ****** a")); // identical once stripped
            assertFalse(passes(ID, "a ****** ****** b")); // blank part in the middle
            assertFalse(passes(ID, "a ****** b ****** c"));
            assertFalse(passes(ID, "just one"));
            assertFalse(passes(ID, ""));
        }

        @Test
        void identicalSecondResponseIsBlamed() {
            String response = "Same.\n******\n Same. ";
            Verdict verdict = check(ID, Map.of(), response);
            assertEquals("2 identical responses", verdict.measured());
            assertEquals(List.of("Same."), evidenceTexts(verdict, response));
            assertEquals(14, verdict.evidence().getFirst().start());
        }

        @Test
        void extraResponsesAndEmptyOnesAreBlamed() {
            String three = "a ****** b ****** c";
            Verdict verdict = check(ID, Map.of(), three);
            assertEquals("3 responses", verdict.measured());
            assertEquals(List.of("c"), evidenceTexts(verdict, three));
            String empty = "a\n******\n******\nb";
            assertEquals(List.of("******\n******"), evidenceTexts(check(ID, Map.of(), empty), empty));
        }
    }

    @Nested
    class RepeatPrompt {

        private static final String ID = "combination:repeat_prompt";

        private boolean repeats(String prompt, String response) {
            return passes(ID, Map.of("prompt_to_repeat", prompt), response);
        }

        @Test
        void responseStartsWithThePromptIgnoringCase() {
            assertTrue(repeats("Write a poem.", "  write a POEM. Here it is."));
            assertTrue(repeats(" Write a poem.\n", "Write a poem.\nRoses..."));
            assertFalse(repeats("Write a poem.", "Sure! Write a poem."));
            assertFalse(repeats("Write  a poem.", "Write a poem.")); // every space counts
            assertFalse(repeats("Line one\nline two", "Line one line two"));
            assertFalse(repeats("Write a poem.", ""));
        }

        @Test
        void divergenceIsBlamed() {
            String response = "Write a song.\nLa la la";
            Verdict verdict = check(ID, Map.of("prompt_to_repeat", "Write a poem."), response);
            assertEquals("departs from the request after 8 matching characters", verdict.measured());
            assertEquals(List.of("song."), evidenceTexts(verdict, response));
        }

        @Test
        void emptyPromptIsRejected() {
            InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                    () -> Checks.create(ID, Map.of("prompt_to_repeat", "")));
            assertEquals(ID, e.problems().getFirst().instructionId());
            assertEquals("prompt_to_repeat", e.problems().getFirst().field());
        }
    }
}
