package io.trace2train.verifiers.ifeval.casing;

import io.trace2train.api.verify.VerifierFactory;
import java.util.List;

/** The IFEval `casing:*` checks of this package. */
public final class CasingVerifiers {

    private CasingVerifiers() {
    }

    public static List<VerifierFactory> factories() {
        return List.of(
                CapitalWordFrequencyVerifier.FACTORY);
    }
}
