package io.trace2train.verifiers.ifeval.combination;

import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.IfevalVerifier;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.ifeval.SeparatedParts;
import io.trace2train.verifiers.text.Span;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code combination:two_responses}: split literally on {@code "******"}; a blank part other than the first or last
 * fails; exactly two non-blank parts must remain, different once stripped. ({@code "a ******* b"} splits into
 * {@code "a "} and {@code "* b"}, and passes.)
 */
final class TwoResponses extends IfevalVerifier {

    static final String ID = "combination:two_responses";

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "Give two different responses separated by six asterisks: ******.", List.of(),
            args -> new TwoResponses());

    private static final Pattern SEPARATOR = Pattern.compile("******", Pattern.LITERAL);
    private static final String REQUIRED = "2 different responses separated by '******'";

    private TwoResponses() {
        super(ID);
    }

    @Override
    protected Verdict judge(String response) {
        SeparatedParts parts = SeparatedParts.split(SEPARATOR, response);
        if (parts.hasEmptyPart()) {
            return emptyResponse(parts);
        }
        List<Span> responses = parts.filled();
        if (responses.size() != 2) {
            return wrongCount(response, responses);
        }
        Span first = responses.get(0).strip(response);
        Span second = responses.get(1).strip(response);
        if (first.in(response).equals(second.in(response))) {
            return fail("2 identical responses", REQUIRED,
                    "Make the second response different from the first; they are the same text.",
                    List.of(second.evidence("same as the first response")));
        }
        return pass("2 different responses", REQUIRED);
    }

    private Verdict emptyResponse(SeparatedParts parts) {
        return fail("an empty response between two '******' separators", REQUIRED,
                "Use exactly one '******' separator between the two responses; nothing stands between these two.",
                List.of(parts.emptyGap().evidence("empty response")));
    }

    private Verdict wrongCount(String response, List<Span> responses) {
        int count = responses.size();
        List<Evidence> evidence = responses.stream().skip(2)
                .map(span -> span.strip(response).evidence("extra response")).toList();
        String hint = count < 2
                ? "Give two different responses separated by a line of six asterisks (******); the response has "
                        + count + "."
                : "Give exactly two responses with one '******' separator between them; the response has " + count
                        + ": remove " + (count - 2) + ".";
        return fail(count + (count == 1 ? " response" : " responses"), REQUIRED, hint, evidence);
    }
}
