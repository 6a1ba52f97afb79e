package io.trace2train.verifiers.ifeval.length;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.Verifier;
import io.trace2train.verifiers.ifeval.IfevalPlugin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NumberOfSentencesVerifierTest {

    private static final String SEVEN = "One. Two. Three. Four. Five. Six. Seven.";

    private static Verifier verifier(Map<String, ?> kwargs) {
        var factory = NumberOfSentencesVerifier.FACTORY;
        return factory.create(VerifierArguments.bind(factory.id(), factory.parameters(), kwargs));
    }

    @Test
    void passesWithinTheLimit() {
        Verdict verdict = verifier(Map.of("num_sentences", 5, "relation", "less than"))
                .check("Hello Mr. Smith. How are you? I am fine... OK!");
        assertTrue(verdict.passed());
        assertEquals("3 sentences", verdict.measured());
        assertEquals("fewer than 5", verdict.required());
        assertEquals("", verdict.hint());
        assertEquals(List.of(), verdict.evidence());
    }

    @Test
    void tooManySentencesPointsAtThoseOverTheLimit() {
        Verdict verdict = verifier(Map.of("num_sentences", 5, "relation", "less than")).check(SEVEN);
        assertFalse(verdict.passed());
        assertEquals("7 sentences", verdict.measured());
        assertEquals("fewer than 5", verdict.required());
        assertEquals("Use fewer than 5 sentences; the response has 7: remove 3.", verdict.hint());
        assertEquals(List.of("Five.", "Six.", "Seven."),
                verdict.evidence().stream().map(e -> SEVEN.substring(e.start(), e.end())).toList());
        assertEquals(new Evidence(23, 28, "sentence 5 of 7; at most 4 allowed"), verdict.evidence().get(0));
    }

    @Test
    void tooFewSentencesAsksForMore() {
        Verdict verdict = verifier(Map.of("num_sentences", 5, "relation", "at least")).check("Just one sentence.");
        assertFalse(verdict.passed());
        assertEquals("1 sentence", verdict.measured());
        assertEquals("at least 5", verdict.required());
        assertEquals("Use at least 5 sentences; the response has 1: add 4.", verdict.hint());
        assertEquals(List.of(), verdict.evidence());
        assertTrue(verifier(Map.of("num_sentences", 7, "relation", "at least")).check(SEVEN).passed());
    }

    @Test
    void rejectsBadArguments() {
        var factory = NumberOfSentencesVerifier.FACTORY;
        var error = assertThrows(InvalidArgumentsException.class,
                () -> VerifierArguments.bind(factory.id(), factory.parameters(), Map.of("relation", "exactly")));
        assertEquals(2, error.problems().size());
    }

    @Test
    void isPartOfThePlugin() {
        assertTrue(new IfevalPlugin().verifierFactories().contains(NumberOfSentencesVerifier.FACTORY));
    }
}
