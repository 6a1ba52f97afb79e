package io.trace2train.verifiers.ifeval.length;

import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.CountRule;
import io.trace2train.verifiers.text.CheckArguments;
import io.trace2train.verifiers.ifeval.IfevalVerifier;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.ifeval.Noun;
import io.trace2train.verifiers.ifeval.SeparatedParts;
import io.trace2train.verifiers.text.PythonRegex;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code length_constraints:number_paragraphs}: exactly N paragraphs separated by {@code ***}. The response is
 * {@code re.split(r"\s?\*\*\*\s?")}; a blank first or last part does not count, a blank part in between fails the
 * check outright. ({@code "****"} splits after three stars and leaves {@code "*"} in the next part.)
 */
final class ParagraphCount extends IfevalVerifier {

    static final String ID = "length_constraints:number_paragraphs";

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "Write exactly `num_paragraphs` paragraphs separated by the markdown divider ***.",
            List.of(ParameterSpec.required("num_paragraphs", ParameterType.INTEGER, "the number of paragraphs")),
            ParagraphCount::create);

    private static final Pattern SEPARATOR = PythonRegex.compile("\\s?\\*\\*\\*\\s?", 0);
    private static final Noun PARAGRAPHS = new Noun("paragraph", "paragraphs", " separated by '***'");

    private final CountRule rule;
    private final String required;

    private ParagraphCount(CountRule rule) {
        super(ID);
        this.rule = rule;
        this.required = rule.describe();
    }

    private static ParagraphCount create(VerifierArguments args) {
        return new ParagraphCount(CountRule.exactly(CheckArguments.count(args, "num_paragraphs")));
    }

    @Override
    protected Verdict judge(String response) {
        SeparatedParts parts = SeparatedParts.split(SEPARATOR, response);
        if (parts.hasEmptyPart()) {
            return emptyParagraph(parts);
        }
        int count = parts.filled().size();
        if (rule.holds(count)) {
            return pass(PARAGRAPHS.count(count), required);
        }
        return fail(PARAGRAPHS.count(count), required, rule.hint(PARAGRAPHS, count),
                rule.tooMany(count) ? Paragraphs.extra(rule, response, parts.parts()) : List.of());
    }

    private Verdict emptyParagraph(SeparatedParts parts) {
        // both separators and the gap between them
        return fail("an empty paragraph between two '***' dividers", required,
                "Remove the doubled '***' divider: every paragraph between dividers must have text.",
                List.of(parts.emptyGap().evidence("empty paragraph")));
    }
}
