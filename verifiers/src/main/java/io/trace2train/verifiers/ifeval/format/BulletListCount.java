package io.trace2train.verifiers.ifeval.format;

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
import io.trace2train.verifiers.text.LineScans;
import io.trace2train.verifiers.text.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code detectable_format:number_bullet_lists}: exactly N lines matching {@code ^\s*\*[^\*].*$} or
 * {@code ^\s*-.*$} (multiline). Quirks kept: {@code \s*} and {@code [^\*]} cross newlines, so a lone {@code "*"}
 * line swallows the next; every line starting with {@code -} counts ({@code ---}, {@code -5}); {@code **Bold**}
 * lines do not.
 */
final class BulletListCount extends CountVerifier {

    static final String ID = "detectable_format:number_bullet_lists";

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "Use exactly `num_bullets` markdown bullet points ('* ' or '- ' lines).",
            List.of(ParameterSpec.required("num_bullets", ParameterType.INTEGER, "the number of bullet points")),
            BulletListCount::create);

    private static final Noun BULLETS = new Noun("bullet point", "bullet points", " ('* ' or '- ' lines)");

    private BulletListCount(CountRule rule) {
        super(ID, rule, BULLETS);
    }

    private static BulletListCount create(VerifierArguments args) {
        return new BulletListCount(CountRule.exactly(CheckArguments.count(args, "num_bullets")));
    }

    @Override
    protected int count(String response) {
        return starBullets(response).size() + dashBullets(response).size();
    }

    /** The bullets after the first N, in text order, without the leading whitespace a match may include. */
    @Override
    protected List<Evidence> excess(String response) {
        List<Span> bullets = new ArrayList<>(starBullets(response));
        bullets.addAll(dashBullets(response));
        bullets.sort(Comparator.comparingInt(Span::start));
        return rule().blame(bullets).stream().map(span -> span.strip(response).evidence("extra bullet point"))
                .toList();
    }

    /** The matches of {@code ^\s*\*[^\*].*$}, scanned in linear time. */
    static List<Span> starBullets(String response) {
        return LineScans.bulletLines(response, '*', true);
    }

    /** The matches of {@code ^\s*-.*$}, scanned in linear time. */
    static List<Span> dashBullets(String response) {
        return LineScans.bulletLines(response, '-', false);
    }
}
