package io.trace2train.verifiers.ifeval.format;

import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.text.Hints;
import io.trace2train.verifiers.ifeval.IfevalVerifier;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import java.util.List;

/**
 * {@code detectable_format:constrained_response}: the response contains (case-sensitively, anywhere) one of the
 * three answer phrases. The reference strips the response first, which cannot change a substring test for phrases
 * that start and end with a non-space, so it is skipped.
 */
final class ConstrainedResponse extends IfevalVerifier {

    static final String ID = "detectable_format:constrained_response";

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "Answer with one of: 'My answer is yes.', 'My answer is no.', 'My answer is maybe.'",
            List.of(), args -> new ConstrainedResponse());

    private static final List<String> ANSWERS = List.of("My answer is yes.", "My answer is no.",
            "My answer is maybe.");
    private static final String REQUIRED = "contains " + Hints.quoteAll(ANSWERS);

    private ConstrainedResponse() {
        super(ID);
    }

    @Override
    protected Verdict judge(String response) {
        for (String answer : ANSWERS) {
            if (response.contains(answer)) {
                return pass("contains " + Hints.quote(answer), REQUIRED);
            }
        }
        return fail("none of the answer phrases", REQUIRED,
                "Answer with exactly one of the phrases " + Hints.quoteAll(ANSWERS)
                        + ", written exactly so (capital M, final period).", List.of());
    }
}
