package io.trace2train.verifiers.ifeval.format;

import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.IfevalVerifier;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.text.LineScans;
import io.trace2train.verifiers.text.Span;
import java.util.List;

/**
 * {@code detectable_format:title}: some match of {@code <<[^\n]+>>} (greedy, on one line, so
 * {@code "<<a>> and <<b>>"} is one match) is not blank once its {@code <} and {@code >} runs are removed.
 * {@code "<<>>"}, {@code "<< >>"} and {@code "<<<>>>"} are no title.
 */
final class Title extends IfevalVerifier {

    static final String ID = "detectable_format:title";

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "Include a title wrapped in double angular brackets, such as <<poem of joy>>.", List.of(),
            args -> new Title());

    private static final String REQUIRED = "a title such as <<poem of joy>>";

    private Title() {
        super(ID);
    }

    @Override
    protected Verdict judge(String response) {
        List<Span> titles = LineScans.doubleAngled(response); // <<[^\n]+>> in linear time
        if (titles.stream().anyMatch(title -> !isBlankTitle(response, title))) {
            return pass("has a title", REQUIRED);
        }
        return noTitle(titles);
    }

    /** {@code not title.lstrip("<").rstrip(">").strip()}. */
    private static boolean isBlankTitle(String response, Span title) {
        return title.lstrip(response, "<").rstrip(response, ">").isBlank(response);
    }

    private Verdict noTitle(List<Span> titles) {
        List<Evidence> empty = titles.stream().map(title -> title.evidence("empty title"))
                .toList();
        return fail(empty.isEmpty() ? "no title" : "only empty titles", REQUIRED,
                "Add a title wrapped in double angular brackets, such as <<poem of joy>>, with text between them.",
                empty);
    }
}
