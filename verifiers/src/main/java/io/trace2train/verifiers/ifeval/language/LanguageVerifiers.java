package io.trace2train.verifiers.ifeval.language;

import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import java.util.List;

/** The IFEval `language:*` checks of this package. */
public final class LanguageVerifiers {

    private LanguageVerifiers() {
    }

    public static List<VerifierFactory> factories() {
        return List.of(
                // Any code is accepted, as in the reference; one that langdetect never answers simply always fails.
                IfevalVerifierFactory.of(ResponseLanguageVerifier.ID,
                        "The whole response is in the given language, as langdetect identifies it.",
                        List.of(ParameterSpec.required("language", ParameterType.STRING,
                                "a langdetect language code, e.g. \"hi\" or \"zh-cn\"")),
                        args -> new ResponseLanguageVerifier(args.string("language")))
        );
    }
}
