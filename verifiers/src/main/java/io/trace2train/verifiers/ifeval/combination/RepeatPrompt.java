package io.trace2train.verifiers.ifeval.combination;

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
 * {@code combination:repeat_prompt}: {@code response.strip().lower().startswith(prompt.strip().lower())}, every
 * character counting, whitespace and line breaks inside included.
 */
final class RepeatPrompt extends IfevalVerifier {

    static final String ID = "combination:repeat_prompt";

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "First repeat the request word for word, then answer it.",
            List.of(ParameterSpec.required("prompt_to_repeat", ParameterType.STRING, "the request to repeat")),
            RepeatPrompt::create);

    private static final String REQUIRED = "starts with the request, repeated word for word";

    private final String prompt;
    /** {@code prompt.strip().lower()}. */
    private final String expected;

    private RepeatPrompt(String prompt) {
        super(ID);
        this.prompt = PythonText.strip(prompt);
        this.expected = PythonText.lower(this.prompt);
    }

    private static RepeatPrompt create(VerifierArguments args) {
        // the reference raises on an empty prompt; a blank one would pass every response
        return new RepeatPrompt(CheckArguments.nonBlank(args, "prompt_to_repeat"));
    }

    @Override
    protected Verdict judge(String response) {
        Span stripped = Span.of(response).strip(response);
        String actual = PythonText.lower(stripped.in(response));
        if (actual.startsWith(expected)) {
            return pass("starts with the request", REQUIRED);
        }
        int same = 0;
        int limit = Math.min(actual.length(), expected.length());
        while (same < limit && actual.charAt(same) == expected.charAt(same)) {
            same++;
        }
        String measured = same == 0 ? "does not start with the request"
                : "departs from the request after " + same + " matching characters";
        return fail(measured, REQUIRED, "Begin the response by repeating the request exactly, character for "
                + "character: " + Hints.quote(prompt) + "; then answer it.", divergence(response, stripped, actual,
                same));
    }

    /**
     * Where the response departs from the request, to the end of that line. Offsets of the lowercased text are
     * offsets of the response only where lowercasing kept the length, which is all but a few rare letters.
     */
    private static List<Evidence> divergence(String response, Span stripped, String actual, int same) {
        if (actual.length() != stripped.length() || same >= stripped.length()) {
            return List.of();
        }
        int start = stripped.start() + same;
        int lineEnd = response.indexOf('\n', start);
        int end = lineEnd < 0 || lineEnd > stripped.end() ? stripped.end() : Math.max(lineEnd, start + 1);
        return List.of(new Evidence(start, end, "differs from the request"));
    }
}
