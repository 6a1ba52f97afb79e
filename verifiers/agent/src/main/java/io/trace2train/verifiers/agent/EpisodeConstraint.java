package io.trace2train.verifiers.agent;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.verify.ConstraintScope;
import io.trace2train.api.verify.Verifier;
import io.trace2train.api.verify.VerifierFactory;
import java.util.List;
import java.util.function.Function;

/**
 * The factory of one episode constraint: its id, what it requires, its parameters, and how its verifier is made from
 * bound arguments (which may still reject a value, naming the field).
 */
record EpisodeConstraint(String id, String description, List<ParameterSpec> parameters,
        Function<VerifierArguments, Verifier> creator) implements VerifierFactory {

    EpisodeConstraint {
        requireNonNull(id, "id");
        requireNonNull(description, "description");
        parameters = List.copyOf(parameters);
        requireNonNull(creator, "creator");
    }

    @Override
    public String version() {
        return EpisodeVerifier.VERSION;
    }

    @Override
    public ConstraintScope scope() {
        return ConstraintScope.EPISODE;
    }

    @Override
    public Verifier create(VerifierArguments arguments) {
        return creator.apply(arguments);
    }
}
