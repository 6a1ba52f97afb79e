package io.trace2train.verifiers.ifeval.punctuation;

import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.CountRule;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.ifeval.Noun;
import io.trace2train.verifiers.ifeval.RegexCountVerifier;
import io.trace2train.verifiers.text.PythonRegex;
import java.util.List;
import java.util.regex.Pattern;

/** {@code punctuation:no_comma}: no ASCII comma (U+002C); fullwidth and Arabic commas are allowed. */
final class NoComma {

    static final String ID = "punctuation:no_comma";

    private static final Pattern COMMA = PythonRegex.compile(",", 0);
    private static final Noun COMMAS = new Noun("comma", "commas", " (',')");

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "Do not use any commas.", List.of(),
            args -> new RegexCountVerifier(ID, CountRule.lessThan(1), COMMAS, COMMA, "comma"));

    private NoComma() {
    }
}
