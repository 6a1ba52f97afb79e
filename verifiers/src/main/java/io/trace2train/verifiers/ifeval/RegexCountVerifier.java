package io.trace2train.verifiers.ifeval;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.verify.Evidence;
import io.trace2train.verifiers.text.PythonRegex;
import io.trace2train.verifiers.text.Span;
import java.util.List;
import java.util.regex.Pattern;

/** A count of {@code re.findall(pattern, response)} matches; too many blames the matches themselves. */
public class RegexCountVerifier extends CountVerifier {

    private final Pattern pattern;
    private final String reason;

    /**
     * @param pattern compiled with {@link PythonRegex}
     * @param reason the evidence reason of an excess match, e.g. {@code "comma"}
     */
    public RegexCountVerifier(String id, CountRule rule, Noun noun, Pattern pattern, String reason) {
        super(id, rule, noun);
        this.pattern = requireNonNull(pattern, "pattern");
        this.reason = requireNonNull(reason, "reason");
    }

    @Override
    protected final int count(String response) {
        return PythonRegex.count(pattern, response);
    }

    @Override
    protected final List<Evidence> excess(String response) {
        return rule().blame(Span.findAll(pattern, response)).stream().map(span -> span.evidence(reason)).toList();
    }
}
