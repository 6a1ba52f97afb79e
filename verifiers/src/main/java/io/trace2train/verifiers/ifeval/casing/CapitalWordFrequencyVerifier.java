package io.trace2train.verifiers.ifeval.casing;

import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.CountRule;
import io.trace2train.verifiers.ifeval.CountVerifier;
import io.trace2train.verifiers.text.CheckArguments;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.ifeval.Noun;
import io.trace2train.verifiers.text.nltk.NltkWordTokenizer;
import io.trace2train.verifiers.text.nltk.WordToken;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code change_case:capital_word_frequency}: the number of all-capital words ({@code nltk.word_tokenize} tokens
 * for which Python's {@code isupper()} holds) is below or at least a given count. Contractions split in two
 * ({@code DON'T} is {@code DO} and {@code N'T}), and a lone {@code I} counts.
 */
public final class CapitalWordFrequencyVerifier extends CountVerifier {

    public static final String ID = "change_case:capital_word_frequency";

    public static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "The response has fewer than, or at least, a given number of words in all capital letters.",
            List.of(ParameterSpec.required("capital_frequency", ParameterType.INTEGER,
                            "the number of all-capital words"),
                    ParameterSpec.required("capital_relation", ParameterType.RELATION,
                            "how the response's count of all-capital words compares with capital_frequency")),
            CapitalWordFrequencyVerifier::create);

    private static final Noun CAPITAL_WORDS = new Noun("all-capital word", "all-capital words",
            " (words in capital letters only)");

    private CapitalWordFrequencyVerifier(CountRule rule) {
        super(ID, rule, CAPITAL_WORDS);
        NltkWordTokenizer.preload();
    }

    private static CapitalWordFrequencyVerifier create(VerifierArguments args) {
        return new CapitalWordFrequencyVerifier(
                CountRule.of(args.relation("capital_relation"), CheckArguments.count(args, "capital_frequency")));
    }

    @Override
    protected int count(String response) {
        int count = 0;
        for (String token : NltkWordTokenizer.english().tokenize(response)) {
            if (PythonText.isUpper(token)) {
                count++;
            }
        }
        return count;
    }

    /** The all-capital tokens to blame, with their ranges: aligning tokens costs a second pass, done on failure. */
    @Override
    protected List<Evidence> excess(String response) {
        List<Evidence> capitals = new ArrayList<>();
        for (WordToken token : NltkWordTokenizer.english().tokenizeWithSpans(response)) {
            if (PythonText.isUpper(token.text())) {
                capitals.add(new Evidence(token.start(), token.end(), "all-capital word '" + token.text() + "'"));
            }
        }
        return rule().blame(capitals);
    }
}
