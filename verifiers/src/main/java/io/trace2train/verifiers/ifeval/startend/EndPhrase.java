package io.trace2train.verifiers.ifeval.startend;

import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.text.Hints;
import io.trace2train.verifiers.text.CheckArguments;
import io.trace2train.verifiers.ifeval.IfevalVerifier;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.text.Span;
import java.util.List;

/**
 * {@code startend:end_checker}: {@code response.strip().strip('"').lower()} ends with the phrase (stripped,
 * lowercased). Only ASCII {@code "} is removed, after the whitespace and without stripping whitespace again, so
 * {@code 'Bye now. "'} fails and {@code '  "Bye now."  '} passes.
 */
final class EndPhrase extends IfevalVerifier {

    static final String ID = "startend:end_checker";

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "Finish the response with the exact phrase `end_phrase`; nothing may follow it.",
            List.of(ParameterSpec.required("end_phrase", ParameterType.STRING, "the phrase the response ends with")),
            EndPhrase::create);

    private final String phrase;
    /** {@code phrase.strip().lower()}. */
    private final String expected;
    private final String required;

    private EndPhrase(String phrase) {
        super(ID);
        this.phrase = PythonText.strip(phrase);
        this.expected = PythonText.lower(this.phrase);
        this.required = "ends with " + Hints.quote(this.phrase);
    }

    private static EndPhrase create(VerifierArguments args) {
        // an empty phrase would end every response
        return new EndPhrase(CheckArguments.nonBlank(args, "end_phrase"));
    }

    @Override
    protected Verdict judge(String response) {
        Span end = Span.of(response).strip(response).strip(response, "\"");
        String actual = PythonText.lower(end.in(response));
        if (actual.endsWith(expected)) {
            return pass(required, required);
        }
        // the tail that should have been the phrase (lowercasing keeps lengths but for a few rare letters)
        Span tail = new Span(Math.max(end.start(), end.end() - phrase.length()), end.end());
        List<Evidence> evidence = tail.isEmpty() ? List.of()
                : List.of(tail.evidence("should be " + Hints.quote(phrase)));
        return fail(tail.isEmpty() ? "empty" : "ends with " + Hints.quote(tail.in(response)), required,
                "End the response with the exact phrase " + Hints.quote(phrase) + ", with nothing after it.",
                evidence);
    }
}
