package io.trace2train.verifiers.ifeval.content;

import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.text.Hints;
import io.trace2train.verifiers.text.CheckArguments;
import io.trace2train.verifiers.ifeval.IfevalVerifier;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.text.PythonRegex;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code detectable_content:postscript}: the lowercased response contains the marker, with the reference's patterns:
 * {@code "P.P.S"} and {@code "P.S."} allow one space after each dot, any other marker is a raw regex. There is no
 * line anchor, so the marker may be anywhere, and {@code "P.P.S."} also satisfies {@code "P.S."}.
 */
final class Postscript extends IfevalVerifier {

    static final String ID = "detectable_content:postscript";

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "End with a postscript starting with `postscript_marker` (e.g. P.S.).",
            List.of(ParameterSpec.required("postscript_marker", ParameterType.STRING,
                    "the marker that starts the postscript, e.g. \"P.S.\"")),
            Postscript::create);

    private final String marker;
    private final Pattern pattern;
    private final String required;

    private Postscript(String marker, Pattern pattern) {
        super(ID);
        this.marker = marker;
        this.pattern = pattern;
        this.required = "a postscript starting with " + Hints.quote(marker);
    }

    /**
     * The reference's pattern is {@code \s*} + marker + {@code .*$}. Only whether it is found counts, and
     * {@code \s*R} is found somewhere exactly when {@code R} is (a match of {@code R} is one with an empty
     * {@code \s*}; a match of {@code \s*R} contains one of {@code R} after the spaces). Without the prefix the search
     * is linear: with it the engine rescans a run of spaces from each of its positions.
     */
    private static Postscript create(VerifierArguments args) {
        String marker = PythonText.strip(CheckArguments.nonBlank(args, "postscript_marker"));
        String regex = switch (marker) {
            case "P.P.S" -> "p\\.\\s?p\\.\\s?s.*$";
            case "P.S." -> "p\\.\\s?s\\..*$";
            default -> PythonText.lower(marker) + ".*$";
        };
        // the reference's full pattern decides which markers are valid regexes
        Pattern full = CheckArguments.regex(args, "postscript_marker", "\\s*" + regex, PythonRegex.MULTILINE);
        if ("*+?{".indexOf(regex.charAt(0)) >= 0) {
            return new Postscript(marker, full); // the marker quantifies the \s* itself: keep it
        }
        return new Postscript(marker, CheckArguments.regex(args, "postscript_marker", "(?:" + regex + ")",
                PythonRegex.MULTILINE));
    }

    @Override
    protected Verdict judge(String response) {
        if (PythonRegex.find(pattern, PythonText.lower(response))) {
            return pass("has a postscript", required);
        }
        return fail("no postscript starting with " + Hints.quote(marker), required,
                "End the response with a postscript that starts with " + Hints.quote(marker) + ".", List.of());
    }
}
