package io.trace2train.verifiers.ifeval.length;

import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.CountRule;
import io.trace2train.verifiers.ifeval.CountVerifier;
import io.trace2train.verifiers.text.CheckArguments;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.ifeval.Noun;
import io.trace2train.verifiers.text.Span;
import io.trace2train.verifiers.text.punkt.PunktSentenceTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code length_constraints:number_sentences}: the number of sentences, as NLTK's Punkt tokenizer with its English
 * model splits them, is below or at least a given count.
 */
public final class NumberOfSentencesVerifier extends CountVerifier {

    public static final String ID = "length_constraints:number_sentences";

    public static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "The response has fewer than, or at least, a given number of sentences (NLTK Punkt sentence split).",
            List.of(ParameterSpec.required("num_sentences", ParameterType.INTEGER, "the number of sentences"),
                    ParameterSpec.required("relation", ParameterType.RELATION,
                            "how the response's sentence count compares with num_sentences")),
            NumberOfSentencesVerifier::create);

    private static final Noun SENTENCES = new Noun("sentence", "sentences");

    private NumberOfSentencesVerifier(CountRule rule) {
        super(ID, rule, SENTENCES);
        PunktSentenceTokenizer.preload();
    }

    private static NumberOfSentencesVerifier create(VerifierArguments args) {
        return new NumberOfSentencesVerifier(
                CountRule.of(args.relation("relation"), CheckArguments.count(args, "num_sentences")));
    }

    @Override
    protected int count(String response) {
        return PunktSentenceTokenizer.english().count(response);
    }

    /** The sentences after the first allowed ones: those a repair has to merge or drop. */
    @Override
    protected List<Evidence> excess(String response) {
        List<Span> sentences = PunktSentenceTokenizer.english().spans(response);
        long allowed = Math.max(rule().allowed(), 0);
        List<Evidence> evidence = new ArrayList<>();
        for (int i = (int) allowed; i < sentences.size(); i++) {
            evidence.add(sentences.get(i).evidence(
                    "sentence " + (i + 1) + " of " + sentences.size() + "; at most " + allowed + " allowed"));
        }
        return evidence;
    }
}
