package io.trace2train.verifiers.ifeval.casing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.Verifier;
import io.trace2train.verifiers.ifeval.IfevalPlugin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapitalWordFrequencyVerifierTest {

    /** NLTK gives I DO N'T KNOW , U.S.A. IS BIG-TIME . CA N'T STOP !: ten all-capital tokens. */
    private static final String SHOUT = "I DON'T KNOW, U.S.A. IS BIG-TIME. CAN'T STOP!";

    private static Verifier verifier(int frequency, String relation) {
        var factory = CapitalWordFrequencyVerifier.FACTORY;
        return factory.create(VerifierArguments.bind(factory.id(), factory.parameters(),
                Map.of("capital_frequency", frequency, "capital_relation", relation)));
    }

    @Test
    void countsTokensThatAreAllCapitals() {
        assertEquals("10 all-capital words", verifier(10, "at least").check(SHOUT).measured());
        assertTrue(verifier(10, "at least").check(SHOUT).passed());
        assertTrue(verifier(11, "less than").check(SHOUT).passed());
        // Digits and punctuation are uncased: "A1" counts, "1st" and "--" do not; a lone "I" does.
        assertEquals("2 all-capital words", verifier(1, "at least").check("I saw A1 -- 1st place.").measured());
    }

    @Test
    void tooManyCapitalWordsPointsAtEachOfThem() {
        Verdict verdict = verifier(3, "less than").check(SHOUT);
        assertFalse(verdict.passed());
        assertEquals("fewer than 3", verdict.required());
        assertEquals("Use fewer than 3 all-capital words (words in capital letters only); the response has 10: "
                + "remove 8.", verdict.hint());
        assertEquals(List.of("I", "DO", "N'T", "KNOW", "U.S.A.", "IS", "BIG-TIME", "CA", "N'T", "STOP"),
                verdict.evidence().stream().map(e -> SHOUT.substring(e.start(), e.end())).toList());
        assertEquals(new Evidence(2, 4, "all-capital word 'DO'"), verdict.evidence().get(1));
    }

    @Test
    void tooFewCapitalWordsAsksForMore() {
        Verdict verdict = verifier(5, "at least").check("Only NASA here.");
        assertFalse(verdict.passed());
        assertEquals("1 all-capital word", verdict.measured());
        assertEquals("Use at least 5 all-capital words (words in capital letters only); the response has 1: "
                + "add 4.", verdict.hint());
        assertEquals(List.of(), verdict.evidence());
    }

    @Test
    void isPartOfThePlugin() {
        assertTrue(new IfevalPlugin().verifierFactories().contains(CapitalWordFrequencyVerifier.FACTORY));
    }
}
