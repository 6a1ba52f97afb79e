package io.trace2train.verifiers.text;

import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.text.PythonText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Value checks the verifier factories share (IFEval's and IFBench's). Where the reference replaces a missing or
 * out-of-range value with a random one (a negative count, an empty keyword list), and where a blank string would make
 * a check vacuous (an empty end phrase always matches), the value is rejected instead, naming the field.
 */
public final class CheckArguments {

    private CheckArguments() {
    }

    /** The largest count: a response (a Java string) holds at most this many of anything. */
    public static final long MAX_COUNT = Integer.MAX_VALUE;

    /**
     * A count argument: 0 to {@link #MAX_COUNT}. Every count and position argument comes through here, so that the
     * checks may use it as an {@code int} index.
     */
    public static long count(VerifierArguments args, String name) {
        long value = args.integer(name);
        if (value < 0 || value > MAX_COUNT) {
            throw args.invalid(name, "must be between 0 and " + MAX_COUNT + ", got " + value);
        }
        return value;
    }

    /** A string argument that is not empty or only whitespace. */
    public static String nonBlank(VerifierArguments args, String name) {
        String value = args.string(name);
        if (PythonText.isBlank(value)) {
            throw args.invalid(name, "must not be empty or only whitespace");
        }
        return value;
    }

    /** A Python regex argument, compiled once. */
    public static Pattern regex(VerifierArguments args, String name, String pythonPattern, int flags) {
        try {
            return PythonRegex.compile(pythonPattern, flags);
        } catch (PatternSyntaxException e) {
            throw args.invalid(name, "not a valid regular expression: " + Hints.quote(pythonPattern) + " ("
                    + e.getDescription() + ")");
        }
    }

    /**
     * A non-empty list of non-blank strings, each made into a Python regex by {@code toPattern} and compiled. Every bad
     * entry is reported, not only the first.
     */
    public static List<Pattern> regexList(VerifierArguments args, String name, List<String> values,
            UnaryOperator<String> toPattern, int flags) {
        if (values.isEmpty()) {
            throw args.invalid(name, "must list at least one entry");
        }
        List<Pattern> patterns = new ArrayList<>();
        List<InvalidArgumentsException.Problem> problems = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (PythonText.isBlank(value)) {
                problems.add(problem(args, name, "entry " + (i + 1) + " must not be empty or only whitespace"));
                continue;
            }
            try {
                patterns.add(PythonRegex.compile(toPattern.apply(value), flags));
            } catch (PatternSyntaxException e) {
                problems.add(problem(args, name, "entry " + (i + 1) + " is not a valid regular expression: "
                        + Hints.quote(value) + " (" + e.getDescription() + ")"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidArgumentsException(problems);
        }
        return List.copyOf(patterns);
    }

    private static InvalidArgumentsException.Problem problem(VerifierArguments args, String name, String message) {
        return new InvalidArgumentsException.Problem(args.instructionId(), name, message);
    }
}
