package io.trace2train.verifiers.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Verifier;
import io.trace2train.api.verify.VerifierArguments;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.casing.CapitalWordFrequencyVerifier;
import io.trace2train.verifiers.ifeval.length.NumberOfSentencesVerifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference figures of IFEval on GPT-4's responses (PROVENANCE.md) for the two checks built on NLTK: total,
 * strict and loose pass counts per instruction id.
 */
class PunktFiguresTest {

    /** Total instructions, strict passes, loose passes. */
    private record Figures(int total, int strict, int loose) {
    }

    @Test
    void numberOfSentencesMatchesTheReference() {
        assertEquals(new Figures(52, 35, 35), figures(NumberOfSentencesVerifier.FACTORY));
    }

    @Test
    void capitalWordFrequencyMatchesTheReference() {
        assertEquals(new Figures(25, 17, 19), figures(CapitalWordFrequencyVerifier.FACTORY));
    }

    private static Figures figures(VerifierFactory factory) {
        int total = 0;
        int strict = 0;
        int loose = 0;
        for (IfevalData.Row row : IfevalData.rows()) {
            for (int i = 0; i < row.instructionIds().size(); i++) {
                if (!row.instructionIds().get(i).equals(factory.id())) {
                    continue;
                }
                Verifier verifier = factory.create(
                        VerifierArguments.bind(factory.id(), factory.parameters(), row.kwargs().get(i)));
                total++;
                if (passes(verifier, row.response())) {
                    strict++;
                }
                if (IfevalData.looseCandidates(row.response()).stream().anyMatch(c -> passes(verifier, c))) {
                    loose++;
                }
            }
        }
        return new Figures(total, strict, loose);
    }

    /** The driver's rule: a blank candidate fails without being checked. */
    private static boolean passes(Verifier verifier, String candidate) {
        return !PythonText.isBlank(candidate) && verifier.check(candidate).passed();
    }
}
