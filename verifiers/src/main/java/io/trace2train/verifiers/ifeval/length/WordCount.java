package io.trace2train.verifiers.ifeval.length;

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
import io.trace2train.verifiers.text.PythonRegex;
import io.trace2train.verifiers.text.Span;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code length_constraints:number_words}: the number of Python {@code \w+} runs compared with {@code relation}.
 * Combining marks are not {@code \w}, so "हिन्दी भाषा" is 5 words.
 */
final class WordCount extends CountVerifier {

    static final String ID = "length_constraints:number_words";

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "Answer with fewer than / at least `num_words` words.",
            List.of(ParameterSpec.required("num_words", ParameterType.INTEGER, "the number of words"),
                    ParameterSpec.required("relation", ParameterType.RELATION, "how the count compares")),
            WordCount::create);

    private static final Pattern WORD = PythonRegex.compile("\\w+", 0);
    private static final Noun WORDS = new Noun("word", "words");

    private WordCount(CountRule rule) {
        super(ID, rule, WORDS);
    }

    private static WordCount create(VerifierArguments args) {
        return new WordCount(CountRule.of(args.relation("relation"), CheckArguments.count(args, "num_words")));
    }

    @Override
    protected int count(String response) {
        return PythonText.countWords(response);
    }

    /** One range, from the first word past the limit to the last word: listing every word would drown the hint. */
    @Override
    protected List<Evidence> excess(String response) {
        List<Span> words = Span.findAll(WORD, response);
        int first = (int) Math.max(rule().allowed(), 0);
        if (first >= words.size()) {
            return List.of();
        }
        return List.of(new Span(words.get(first).start(), words.getLast().end())
                .evidence("words after the first " + first));
    }
}
