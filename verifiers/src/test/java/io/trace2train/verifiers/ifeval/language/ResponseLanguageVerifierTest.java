package io.trace2train.verifiers.ifeval.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.Verifier;
import io.trace2train.api.verify.VerifierFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseLanguageVerifierTest {

    private static final String HINDI = "कल मौसम बहुत अच्छा था, इसलिए हम नदी के किनारे टहलने गए।";
    private static final String ENGLISH = "The weather was lovely yesterday, so we walked along the river.";

    private static Verifier verifier(String language) {
        VerifierFactory factory = LanguageVerifiers.factories().get(0);
        return factory.create(VerifierArguments.bind(factory.id(), factory.parameters(), Map.of("language", language)));
    }

    @Test
    void passesInTheRequiredLanguage() {
        Verdict verdict = verifier("hi").check(HINDI);
        assertTrue(verdict.passed());
        assertEquals("language hi", verdict.measured());
        assertEquals("language hi", verdict.required());
        assertEquals("", verdict.hint());
        assertEquals(List.of(), verdict.evidence());
    }

    @Test
    void failsInAnotherLanguageWithAHint() {
        Verdict verdict = verifier("hi").check(ENGLISH);
        assertFalse(verdict.passed());
        assertEquals("language:response_language", verdict.verifierId());
        assertEquals("language en", verdict.measured());
        assertEquals("Respond only in Hindi (hi); the response reads as English (en).", verdict.hint());
        assertEquals(List.of(new Evidence(0, ENGLISH.length(), "the response reads as English (en)")),
                verdict.evidence());
    }

    @Test
    void passesWhenNoLanguageCanBeDetected() {
        Verdict verdict = verifier("de").check("12345 !!!");
        assertTrue(verdict.passed());
        assertEquals("no language detected", verdict.measured());
    }

    @Test
    void acceptsAnyCodeAsTheReferenceDoes() {
        assertFalse(verifier("zh").check(ENGLISH).passed());
    }
}
