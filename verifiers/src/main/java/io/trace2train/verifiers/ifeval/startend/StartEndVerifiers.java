package io.trace2train.verifiers.ifeval.startend;

import io.trace2train.api.verify.VerifierFactory;
import java.util.List;

/** The IFEval `startend:*` checks of this package. */
public final class StartEndVerifiers {

    private StartEndVerifiers() {
    }

    public static List<VerifierFactory> factories() {
        return List.of(
                EndPhrase.FACTORY,
                Quotation.FACTORY
        );
    }
}
