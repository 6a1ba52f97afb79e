package io.trace2train.verifiers.ifeval.punctuation;

import static io.trace2train.verifiers.ifeval.Checks.check;
import static io.trace2train.verifiers.ifeval.Checks.evidenceRanges;
import static io.trace2train.verifiers.ifeval.Checks.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.verify.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PunctuationVerifiersTest {

    private static final String ID = "punctuation:no_comma";

    @Test
    void onlyTheAsciiCommaCounts() {
        assertTrue(passes(ID, "No commas here."));
        assertTrue(passes(ID, "Fullwidth， and Arabic ، are fine"));
        assertTrue(passes(ID, ""));
        assertFalse(passes(ID, "One, two"));
    }

    @Test
    void everyCommaIsBlamed() {
        Verdict verdict = check(ID, Map.of(), "a, b, c");
        assertFalse(verdict.passed());
        assertEquals("2 commas", verdict.measured());
        assertEquals("none", verdict.required());
        assertEquals("Use no commas (','); the response has 2: remove 2.", verdict.hint());
        assertEquals(List.of(List.of(1, 2), List.of(4, 5)), evidenceRanges(verdict));
    }

    @Test
    void passHasNoHintOrEvidence() {
        Verdict verdict = check(ID, Map.of(), "fine");
        assertTrue(verdict.passed());
        assertEquals("0 commas", verdict.measured());
        assertEquals("", verdict.hint());
        assertEquals(List.of(), verdict.evidence());
    }
}
