package io.trace2train.verifiers.ifeval.length;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.ParameterSpec;
import io.trace2train.api.verify.ParameterType;
import io.trace2train.api.verify.Relation;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.Counts;
import io.trace2train.verifiers.ifeval.IfevalVerifier;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.text.punkt.PunktSentenceTokenizer;
import io.trace2train.verifiers.text.punkt.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code length_constraints:number_sentences}: the number of sentences, as NLTK's Punkt tokenizer with its English
 * model splits them, is below or at least a given count.
 */
public final class NumberOfSentencesVerifier extends IfevalVerifier {

    public static final String ID = "length_constraints:number_sentences";

    public static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "The response has fewer than, or at least, a given number of sentences (NLTK Punkt sentence split).",
            List.of(ParameterSpec.required("num_sentences", ParameterType.INTEGER, "the number of sentences"),
                    ParameterSpec.required("relation", ParameterType.RELATION,
                            "how the response's sentence count compares with num_sentences")),
            arguments -> new NumberOfSentencesVerifier(arguments.integer("num_sentences"),
                    arguments.relation("relation")));

    private final long required;
    private final Relation relation;

    public NumberOfSentencesVerifier(long required, Relation relation) {
        super(ID);
        this.required = required;
        this.relation = requireNonNull(relation, "relation");
    }

    @Override
    public Verdict check(String response) {
        List<Span> sentences = PunktSentenceTokenizer.english().spans(response);
        int count = sentences.size();
        String measured = Counts.noun(count, "sentence", "sentences");
        String requirement = relation.describe(required);
        if (relation.holds(count, required)) {
            return pass(measured, requirement);
        }
        String hint = "Use " + requirement + " sentences: the response has " + count + "; ";
        if (relation == Relation.AT_LEAST) {
            return fail(measured, requirement, hint + "add " + (required - count) + ".", List.of());
        }
        long allowed = Counts.mostAllowed(required);
        return fail(measured, requirement, hint + "merge or remove " + (count - allowed) + ".",
                excess(sentences, allowed));
    }

    /** The sentences after the first {@code allowed}: those a repair has to merge or drop. */
    private static List<Evidence> excess(List<Span> sentences, long allowed) {
        List<Evidence> evidence = new ArrayList<>();
        for (int i = (int) allowed; i < sentences.size(); i++) {
            Span sentence = sentences.get(i);
            evidence.add(new Evidence(sentence.start(), sentence.end(),
                    "sentence " + (i + 1) + " of " + sentences.size() + "; at most " + allowed + " allowed"));
        }
        return evidence;
    }
}
