package io.trace2train.verifiers.ifeval.casing;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.ParameterSpec;
import io.trace2train.api.verify.ParameterType;
import io.trace2train.api.verify.Relation;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.Counts;
import io.trace2train.verifiers.ifeval.IfevalVerifier;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.text.nltk.NltkWordTokenizer;
import io.trace2train.verifiers.text.nltk.WordToken;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code change_case:capital_word_frequency}: the number of all-capital words ({@code nltk.word_tokenize} tokens
 * for which Python's {@code isupper()} holds) is below or at least a given count. Contractions split in two
 * ({@code DON'T} is {@code DO} and {@code N'T}), and a lone {@code I} counts.
 */
public final class CapitalWordFrequencyVerifier extends IfevalVerifier {

    public static final String ID = "change_case:capital_word_frequency";

    public static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "The response has fewer than, or at least, a given number of words in all capital letters.",
            List.of(ParameterSpec.required("capital_frequency", ParameterType.INTEGER,
                            "the number of all-capital words"),
                    ParameterSpec.required("capital_relation", ParameterType.RELATION,
                            "how the response's count of all-capital words compares with capital_frequency")),
            arguments -> new CapitalWordFrequencyVerifier(arguments.integer("capital_frequency"),
                    arguments.relation("capital_relation")));

    private final long required;
    private final Relation relation;

    public CapitalWordFrequencyVerifier(long required, Relation relation) {
        super(ID);
        this.required = required;
        this.relation = requireNonNull(relation, "relation");
    }

    @Override
    public Verdict check(String response) {
        int count = 0;
        for (String token : NltkWordTokenizer.english().tokenize(response)) {
            if (PythonText.isUpper(token)) {
                count++;
            }
        }
        String measured = Counts.noun(count, "all-capital word", "all-capital words");
        String requirement = relation.describe(required);
        if (relation.holds(count, required)) {
            return pass(measured, requirement);
        }
        String hint = "Use " + requirement + " words in all capital letters: the response has " + count + "; ";
        if (relation == Relation.AT_LEAST) {
            return fail(measured, requirement, hint + "capitalize " + (required - count) + " more.", List.of());
        }
        long lower = count - Counts.mostAllowed(required);
        return fail(measured, requirement, hint + "write " + lower + " of them in lower case.",
                capitalWords(response));
    }

    /** Every all-capital token with its range: the failing path only, as aligning tokens costs a second pass. */
    private static List<Evidence> capitalWords(String response) {
        List<Evidence> evidence = new ArrayList<>();
        for (WordToken token : NltkWordTokenizer.english().tokenizeWithSpans(response)) {
            if (PythonText.isUpper(token.text())) {
                evidence.add(new Evidence(token.start(), token.end(), "all-capital word '" + token.text() + "'"));
            }
        }
        return evidence;
    }
}
