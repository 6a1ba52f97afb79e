package io.trace2train.verifiers.ifeval.punctuation;

import io.trace2train.api.verify.VerifierFactory;
import java.util.List;

/** The IFEval `punctuation:*` checks of this package. */
public final class PunctuationVerifiers {

    private PunctuationVerifiers() {
    }

    public static List<VerifierFactory> factories() {
        return List.of(
                NoComma.FACTORY
        );
    }
}
