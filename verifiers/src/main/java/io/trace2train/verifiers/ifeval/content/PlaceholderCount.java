package io.trace2train.verifiers.ifeval.content;

import io.trace2train.api.verify.ParameterSpec;
import io.trace2train.api.verify.ParameterType;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.CountRule;
import io.trace2train.verifiers.ifeval.IfevalArguments;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.ifeval.Noun;
import io.trace2train.verifiers.ifeval.RegexCountVerifier;
import io.trace2train.verifiers.text.PythonRegex;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code detectable_content:number_placeholders}: at least N matches of {@code \[.*?\]}: lazy, on one line,
 * non-overlapping ({@code "[]"} counts; {@code "[[d]]"} is one match).
 */
final class PlaceholderCount {

    static final String ID = "detectable_content:number_placeholders";

    private static final Pattern PLACEHOLDER = PythonRegex.compile("\\[.*?\\]", 0);
    private static final Noun PLACEHOLDERS = new Noun("placeholder", "placeholders",
            " in square brackets, such as [address]");

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "Include at least `num_placeholders` placeholders in square brackets, such as [address].",
            List.of(ParameterSpec.required("num_placeholders", ParameterType.INTEGER,
                    "the least number of placeholders")),
            args -> new RegexCountVerifier(ID, CountRule.atLeast(IfevalArguments.count(args, "num_placeholders")),
                    PLACEHOLDERS, PLACEHOLDER, "placeholder"));

    private PlaceholderCount() {
    }
}
