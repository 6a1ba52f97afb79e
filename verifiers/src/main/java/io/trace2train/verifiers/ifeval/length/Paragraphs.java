package io.trace2train.verifiers.ifeval.length;

import io.trace2train.api.verify.Evidence;
import io.trace2train.verifiers.ifeval.CountRule;
import io.trace2train.verifiers.text.Span;
import java.util.List;

/** What the paragraph checks share. */
final class Paragraphs {

    private Paragraphs() {
    }

    /** The paragraphs (non-blank parts, stripped) beyond the required count, to blame when there are too many. */
    static List<Evidence> extra(CountRule rule, String response, List<Span> parts) {
        List<Span> paragraphs = parts.stream().filter(part -> !part.isBlank(response))
                .map(part -> part.strip(response)).toList();
        return rule.blame(paragraphs).stream().map(span -> span.evidence("extra paragraph")).toList();
    }
}
