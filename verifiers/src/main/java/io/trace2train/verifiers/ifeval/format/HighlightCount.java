package io.trace2train.verifiers.ifeval.format;

import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.CountRule;
import io.trace2train.verifiers.ifeval.CountVerifier;
import io.trace2train.verifiers.text.CheckArguments;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.ifeval.Noun;
import io.trace2train.verifiers.text.CheckBudget;
import io.trace2train.verifiers.text.PythonRegex;
import io.trace2train.verifiers.text.Span;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code detectable_format:number_highlighted_sections}: at least N highlights. The reference counts the non-blank
 * matches of {@code \*[^\n\*]*\*} plus those of {@code \*\*[^\n\*]*\*\*}, separately, so {@code "**bold**"} counts
 * once (the single-star pass sees two empty {@code "**"}) and {@code "***x***"} twice.
 */
final class HighlightCount extends CountVerifier {

    static final String ID = "detectable_format:number_highlighted_sections";

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "Highlight at least `num_highlights` sections with markdown, i.e. *highlighted section*.",
            List.of(ParameterSpec.required("num_highlights", ParameterType.INTEGER,
                    "the least number of highlighted sections")),
            HighlightCount::create);

    private static final Pattern SINGLE = PythonRegex.compile("\\*[^\\n\\*]*\\*", 0);
    private static final Pattern DOUBLE = PythonRegex.compile("\\*\\*[^\\n\\*]*\\*\\*", 0);
    private static final Noun HIGHLIGHTS = new Noun("highlighted section", "highlighted sections",
            " (*text* or **text** on one line)");

    private HighlightCount(CountRule rule) {
        super(ID, rule, HIGHLIGHTS);
    }

    private static HighlightCount create(VerifierArguments args) {
        return new HighlightCount(CountRule.atLeast(CheckArguments.count(args, "num_highlights")));
    }

    @Override
    protected int count(String response) {
        return nonBlank(SINGLE, 1, response) + nonBlank(DOUBLE, 2, response);
    }

    /** Matches whose text inside the {@code stars}-wide markers is not blank. */
    private static int nonBlank(Pattern pattern, int stars, String response) {
        Matcher matcher = pattern.matcher(CheckBudget.guard(response));
        int count = 0;
        while (matcher.find()) {
            if (!new Span(matcher.start() + stars, matcher.end() - stars).isBlank(response)) {
                count++;
            }
        }
        return count;
    }
}
