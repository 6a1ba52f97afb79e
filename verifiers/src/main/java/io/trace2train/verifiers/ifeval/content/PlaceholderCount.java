package io.trace2train.verifiers.ifeval.content;

import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.CountRule;
import io.trace2train.verifiers.ifeval.CountVerifier;
import io.trace2train.verifiers.text.CheckArguments;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.ifeval.Noun;
import io.trace2train.verifiers.text.LineScans;
import java.util.List;

/**
 * {@code detectable_content:number_placeholders}: at least N matches of {@code \[.*?\]}: lazy, on one line,
 * non-overlapping ({@code "[]"} counts; {@code "[[d]]"} is one match). Scanned in linear time
 * ({@link LineScans#bracketed}): the regex rescans a line from every unclosed {@code [}.
 */
final class PlaceholderCount extends CountVerifier {

    static final String ID = "detectable_content:number_placeholders";

    private static final Noun PLACEHOLDERS = new Noun("placeholder", "placeholders",
            " in square brackets, such as [address]");

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "Include at least `num_placeholders` placeholders in square brackets, such as [address].",
            List.of(ParameterSpec.required("num_placeholders", ParameterType.INTEGER,
                    "the least number of placeholders")),
            args -> new PlaceholderCount(CountRule.atLeast(CheckArguments.count(args, "num_placeholders"))));

    private PlaceholderCount(CountRule rule) {
        super(ID, rule, PLACEHOLDERS);
    }

    @Override
    protected int count(String response) {
        return LineScans.bracketed(response).size();
    }

    @Override
    protected List<Evidence> excess(String response) {
        return rule().blame(LineScans.bracketed(response)).stream().map(span -> span.evidence("placeholder"))
                .toList();
    }
}
