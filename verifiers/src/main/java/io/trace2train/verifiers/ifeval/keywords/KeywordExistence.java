package io.trace2train.verifiers.ifeval.keywords;

import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.text.Hints;
import io.trace2train.verifiers.text.CheckArguments;
import io.trace2train.verifiers.ifeval.IfevalVerifier;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.text.PythonRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * {@code keywords:existence}: every keyword occurs. A keyword is a raw regex searched case-insensitively anywhere,
 * without word boundaries ({@code "ink"} is found in {@code "Thinking"}).
 */
final class KeywordExistence extends IfevalVerifier {

    static final String ID = "keywords:existence";

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "Include every keyword (a case-insensitive regular expression, found anywhere).",
            List.of(ParameterSpec.required("keywords", ParameterType.STRING_LIST,
                    "the keywords, each a regular expression")),
            KeywordExistence::create);

    private final List<String> keywords;
    private final List<Pattern> patterns;
    private final String required;

    private KeywordExistence(List<String> keywords, List<Pattern> patterns) {
        super(ID);
        this.keywords = List.copyOf(keywords);
        this.patterns = patterns;
        this.required = "contains " + Hints.quoteAll(keywords);
    }

    private static KeywordExistence create(VerifierArguments args) {
        List<String> keywords = args.stringList("keywords");
        return new KeywordExistence(keywords, CheckArguments.regexList(args, "keywords", keywords,
                UnaryOperator.identity(), PythonRegex.IGNORECASE));
    }

    @Override
    protected Verdict judge(String response) {
        for (Pattern pattern : patterns) {
            if (!PythonRegex.find(pattern, response)) {
                return missing(response);
            }
        }
        return pass("all " + keywords.size() + " keywords present", required);
    }

    private Verdict missing(String response) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            if (!PythonRegex.find(patterns.get(i), response)) {
                missing.add(keywords.get(i));
            }
        }
        String which = Hints.quoteAll(missing);
        return fail("missing " + which, required,
                "Include " + (missing.size() == 1 ? "the keyword " : "the keywords ") + which
                        + " in the response (any letter case).", List.of());
    }
}
