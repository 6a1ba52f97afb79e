package io.trace2train.verifiers.ifeval;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.verify.Verifier;
import io.trace2train.api.verify.VerifierFactory;
import java.util.List;
import java.util.function.Function;

/**
 * A factory of one IFEval instruction id: the declared parameters and a constructor taking bound arguments.
 *
 * @param id the instruction id
 * @param version the rule's version
 * @param description what the instruction requires
 * @param parameters the accepted arguments
 * @param constructor builds the verifier from bound arguments
 */
public record IfevalVerifierFactory(
        String id,
        String version,
        String description,
        List<ParameterSpec> parameters,
        Function<VerifierArguments, Verifier> constructor) implements VerifierFactory {

    /** The version of every rule as first ported from the reference (2024-07-15 code, 2025 letter rule). */
    public static final String VERSION = "1.0.0";

    public IfevalVerifierFactory {
        requireNonNull(id, "id");
        requireNonNull(version, "version");
        requireNonNull(description, "description");
        parameters = List.copyOf(parameters);
        requireNonNull(constructor, "constructor");
    }

    public static IfevalVerifierFactory of(String id, String description, List<ParameterSpec> parameters,
            Function<VerifierArguments, Verifier> constructor) {
        return new IfevalVerifierFactory(id, VERSION, description, parameters, constructor);
    }

    @Override
    public Verifier create(VerifierArguments arguments) {
        return constructor.apply(arguments);
    }
}
