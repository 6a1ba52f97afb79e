package io.trace2train.verifiers.ifeval.keywords;

import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.CountRule;
import io.trace2train.verifiers.text.Hints;
import io.trace2train.verifiers.text.CheckArguments;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.ifeval.Noun;
import io.trace2train.verifiers.ifeval.RegexCountVerifier;
import io.trace2train.verifiers.text.PythonRegex;
import java.util.List;

/**
 * {@code keywords:frequency}: the number of non-overlapping, case-insensitive matches of the keyword (a raw regex,
 * stripped, no word boundaries: {@code "aa"} occurs twice in {@code "aaaa"}) compared with {@code relation}.
 */
final class KeywordFrequency {

    static final String ID = "keywords:frequency";

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "Use the keyword (a case-insensitive regular expression) fewer than / at least `frequency` times.",
            List.of(ParameterSpec.required("keyword", ParameterType.STRING, "the keyword, a regular expression"),
                    ParameterSpec.required("frequency", ParameterType.INTEGER, "the number of occurrences"),
                    ParameterSpec.required("relation", ParameterType.RELATION, "how the count compares")),
            KeywordFrequency::create);

    private KeywordFrequency() {
    }

    private static RegexCountVerifier create(VerifierArguments args) {
        String keyword = PythonText.strip(CheckArguments.nonBlank(args, "keyword"));
        CountRule rule = CountRule.of(args.relation("relation"), CheckArguments.count(args, "frequency"));
        String quoted = Hints.quote(keyword);
        return new RegexCountVerifier(ID, rule,
                new Noun("occurrence of " + quoted, "occurrences of " + quoted, " (any letter case)"),
                CheckArguments.regex(args, "keyword", keyword, PythonRegex.IGNORECASE),
                "keyword " + quoted);
    }
}
