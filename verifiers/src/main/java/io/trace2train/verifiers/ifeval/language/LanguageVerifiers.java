package io.trace2train.verifiers.ifeval.language;

import io.trace2train.api.verify.VerifierFactory;
import java.util.List;

/** The IFEval `language:*` checks of this package. */
public final class LanguageVerifiers {

    private LanguageVerifiers() {
    }

    public static List<VerifierFactory> factories() {
        return List.of(
        );
    }
}
