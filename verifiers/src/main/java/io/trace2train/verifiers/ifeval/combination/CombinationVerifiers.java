package io.trace2train.verifiers.ifeval.combination;

import io.trace2train.api.verify.VerifierFactory;
import java.util.List;

/** The IFEval `combination:*` checks of this package. */
public final class CombinationVerifiers {

    private CombinationVerifiers() {
    }

    public static List<VerifierFactory> factories() {
        return List.of(
                TwoResponses.FACTORY,
                RepeatPrompt.FACTORY
        );
    }
}
