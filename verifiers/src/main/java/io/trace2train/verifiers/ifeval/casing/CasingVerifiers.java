package io.trace2train.verifiers.ifeval.casing;

import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import java.util.List;

/** The IFEval `change_case:*` checks of this package. */
public final class CasingVerifiers {

    private CasingVerifiers() {
    }

    public static List<VerifierFactory> factories() {
        return List.of(
                IfevalVerifierFactory.of(EnglishCaseVerifier.CAPITAL_ID,
                        "The whole response is in English and in capital letters.", List.of(),
                        args -> new EnglishCaseVerifier(EnglishCaseVerifier.CAPITAL_ID, LetterCase.UPPER)),
                IfevalVerifierFactory.of(EnglishCaseVerifier.LOWERCASE_ID,
                        "The whole response is in English and in lowercase letters.", List.of(),
                        args -> new EnglishCaseVerifier(EnglishCaseVerifier.LOWERCASE_ID, LetterCase.LOWER)),
                CapitalWordFrequencyVerifier.FACTORY);
    }
}
