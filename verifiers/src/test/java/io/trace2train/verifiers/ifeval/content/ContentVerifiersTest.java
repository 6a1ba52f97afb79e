package io.trace2train.verifiers.ifeval.content;

import static io.trace2train.verifiers.ifeval.Checks.check;
import static io.trace2train.verifiers.ifeval.Checks.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.verify.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ContentVerifiersTest {

    @Nested
    class Placeholders {

        private static final String ID = "detectable_content:number_placeholders";

        private boolean placeholders(int n, String response) {
            return passes(ID, Map.of("num_placeholders", n), response);
        }

        @Test
        void bracketPairsOnOneLineCount() {
            assertTrue(placeholders(2, "Dear [name], at [address]"));
            assertTrue(placeholders(1, "[]"));
            assertTrue(placeholders(1, "[[d]]"));
            assertFalse(placeholders(2, "[[d]]")); // one lazy match "[[d]"
            assertFalse(placeholders(1, "[x\ny]")); // '.' does not cross a newline
            assertTrue(placeholders(0, ""));
        }

        @Test
        void tooFewIsAnAbsence() {
            Verdict verdict = check(ID, Map.of("num_placeholders", 3), "Hi [name]");
            assertEquals("1 placeholder", verdict.measured());
            assertEquals("at least 3", verdict.required());
            assertEquals("Use at least 3 placeholders in square brackets, such as [address]; the response has 1:"
                    + " add 2.", verdict.hint());
            assertEquals(List.of(), verdict.evidence());
        }
    }

    @Nested
    class Postscript {

        private static final String ID = "detectable_content:postscript";

        private boolean postscript(String marker, String response) {
            return passes(ID, Map.of("postscript_marker", marker), response);
        }

        @Test
        void psMarker() {
            assertTrue(postscript("P.S.", "Text.\n\nP.S. More."));
            assertTrue(postscript("P.S.", "Text. p. s. inline")); // no line anchor, one space allowed
            assertTrue(postscript("P.S.", "Text.\nP.P.S. more")); // contains "p.s."
            assertFalse(postscript("P.S.", "Text.\nP.S hi")); // no final dot
            assertFalse(postscript("P.S.", "Text."));
        }

        @Test
        void ppsMarker() {
            assertTrue(postscript("P.P.S", "Text.\nP.P.S. more"));
            assertTrue(postscript("P.P.S", "Text.\np. p. s"));
            assertFalse(postscript("P.P.S", "Text.\nP.S. more"));
        }

        @Test
        void otherMarkersAreStrippedLowercasedRegexes() {
            assertTrue(postscript("  Note: ", "Text.\nNOTE: more"));
            assertTrue(postscript("P\\.S\\.?", "Text.\nps p.s"));
        }

        @Test
        void failureSaysWhichMarker() {
            Verdict verdict = check(ID, Map.of("postscript_marker", "P.S."), "No postscript.");
            assertFalse(verdict.passed());
            assertEquals("no postscript starting with 'P.S.'", verdict.measured());
            assertEquals(List.of(), verdict.evidence());
        }
    }
}
