package io.trace2train.verifiers.ifeval.length;

import io.trace2train.api.verify.VerifierFactory;
import java.util.List;

/** The IFEval `length_constraints:*` checks of this package. */
public final class LengthVerifiers {

    private LengthVerifiers() {
    }

    public static List<VerifierFactory> factories() {
        return List.of(
                NumberOfSentencesVerifier.FACTORY,
                ParagraphCount.FACTORY,
                WordCount.FACTORY,
                NthParagraphFirstWord.FACTORY);
    }
}
