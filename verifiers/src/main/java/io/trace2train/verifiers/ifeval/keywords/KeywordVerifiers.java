package io.trace2train.verifiers.ifeval.keywords;

import io.trace2train.api.verify.VerifierFactory;
import java.util.List;

/** The IFEval `keywords:*` checks of this package. */
public final class KeywordVerifiers {

    private KeywordVerifiers() {
    }

    public static List<VerifierFactory> factories() {
        return List.of(
                KeywordExistence.FACTORY,
                KeywordFrequency.FACTORY,
                ForbiddenWords.FACTORY,
                LetterFrequency.FACTORY
        );
    }
}
