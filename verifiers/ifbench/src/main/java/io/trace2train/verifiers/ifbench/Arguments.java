package io.trace2train.verifiers.ifbench;

import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.verifiers.text.CheckArguments;

/**
 * Argument declarations and value checks of the IFBench factories. IFBench stores counts as JSON floats
 * ({@code 12.0}); they bind as integers (a fractional count is rejected, naming the field). Where the reference
 * replaces a missing, negative or zero value with a random one, or where a value would make the check vacuous or
 * crash it (an empty keyword, every 0th word), the value is rejected instead.
 */
final class Arguments {

    private Arguments() {
    }

    static ParameterSpec integer(String name, String description) {
        return ParameterSpec.required(name, ParameterType.INTEGER, description);
    }

    static ParameterSpec string(String name, String description) {
        return ParameterSpec.required(name, ParameterType.STRING, description);
    }

    /** A count, 0 or more. */
    static long count(VerifierArguments args, String name) {
        return CheckArguments.count(args, name);
    }

    /** A 1-based position or a cycle length: 1 or more. */
    static long positive(VerifierArguments args, String name) {
        long value = args.integer(name);
        if (value < 1) {
            throw args.invalid(name, "must be 1 or more, got " + value);
        }
        return value;
    }

    /** A string that is not empty or only whitespace. */
    static String nonBlank(VerifierArguments args, String name) {
        return CheckArguments.nonBlank(args, name);
    }
}
