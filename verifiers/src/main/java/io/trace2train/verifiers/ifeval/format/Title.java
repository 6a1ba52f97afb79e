package io.trace2train.verifiers.ifeval.format;

import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.IfevalVerifier;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.text.PythonRegex;
import io.trace2train.verifiers.text.Span;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern TITLE = PythonRegex.compile("<<[^\\n]+>>", 0);
    private static final String REQUIRED = "a title such as <<poem of joy>>";

    private Title() {
        super(ID);
    }

    @Override
    public Verdict check(String response) {
        Matcher matcher = TITLE.matcher(response);
        while (matcher.find()) {
            if (!isBlankTitle(response, new Span(matcher.start(), matcher.end()))) {
                return pass("has a title", REQUIRED);
            }
        }
        return noTitle(response);
    }

    /** {@code not title.lstrip("<").rstrip(">").strip()}. */
    private static boolean isBlankTitle(String response, Span title) {
        return title.lstrip(response, "<").rstrip(response, ">").isBlank(response);
    }

    private Verdict noTitle(String response) {
        List<Evidence> empty = Span.findAll(TITLE, response).stream().map(title -> title.evidence("empty title"))
                .toList();
        return fail(empty.isEmpty() ? "no title" : "only empty titles", REQUIRED,
                "Add a title wrapped in double angular brackets, such as <<poem of joy>>, with text between them.",
                empty);
    }
}
