package io.trace2train.verifiers.ifbench;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.verify.Verifier;
import io.trace2train.api.verify.VerifierFactory;
import java.util.List;
import java.util.function.Function;

/**
 * The factory of one IFBench instruction id: its declared arguments and how bound arguments become a {@link Check}.
 *
 * @param id the instruction id
 * @param version the rule's version
 * @param description what the instruction requires
 * @param parameters the accepted arguments
 * @param configure builds the check from bound arguments, throwing {@code InvalidArgumentsException} on bad values
 */
public record IfbenchVerifierFactory(
        String id,
        String version,
        String description,
        List<ParameterSpec> parameters,
        Function<VerifierArguments, Check> configure) implements VerifierFactory {

    /** The version of every rule as first ported from allenai/IFBench at db69a6f. */
    public static final String VERSION = "1.0.0";

    public IfbenchVerifierFactory {
        requireNonNull(id, "id");
        requireNonNull(version, "version");
        requireNonNull(description, "description");
        parameters = List.copyOf(parameters);
        requireNonNull(configure, "configure");
    }

    public static IfbenchVerifierFactory of(String id, String description, List<ParameterSpec> parameters,
            Function<VerifierArguments, Check> configure) {
        return new IfbenchVerifierFactory(id, VERSION, description, parameters, configure);
    }

    /** A factory of an instruction that takes no arguments. */
    public static IfbenchVerifierFactory fixed(String id, String description, Check check) {
        return of(id, description, List.of(), args -> check);
    }

    @Override
    public Verifier create(VerifierArguments arguments) {
        return new IfbenchVerifier(id, version, configure.apply(arguments));
    }

    /** A verifier from raw JSON-shaped arguments (null values count as absent), as the engine binds them. */
    public Verifier create(java.util.Map<String, ?> raw) {
        return create(VerifierArguments.bind(id, parameters, raw));
    }
}
