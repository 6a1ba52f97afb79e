package io.trace2train.verifiers.ifeval.repair;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.repair.ConstraintCheck;
import io.trace2train.api.repair.RepairKind;
import io.trace2train.api.repair.RepairOutcome;
import io.trace2train.api.repair.RepairRequest;
import io.trace2train.api.repair.RepairStrategy;
import io.trace2train.api.verify.VerifierFactory;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A deterministic edit that fixes one IFEval instruction exactly. The edit is kept only if the instruction's own
 * verifier passes on the edited text, so a patch never claims a fix it did not make; whether it broke another
 * constraint is the runner's to check (it re-verifies everything and rolls back).
 */
public abstract class PatchStrategy implements RepairStrategy {

    private final String name;
    private final VerifierFactory factory;

    PatchStrategy(String name, VerifierFactory factory) {
        this.name = requireNonNull(name, "name");
        this.factory = requireNonNull(factory, "factory");
    }

    /** A patch from an edit function (other verifier plugins build theirs with it). */
    public static RepairStrategy of(String name, VerifierFactory factory,
            BiFunction<String, VerifierArguments, Optional<String>> edit) {
        requireNonNull(edit, "edit");
        return new PatchStrategy(name, factory) {
            @Override
            Optional<String> patch(String output, VerifierArguments arguments) {
                return edit.apply(output, arguments);
            }
        };
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final RepairKind kind() {
        return RepairKind.PATCH;
    }

    @Override
    public final boolean handles(String verifierId) {
        return factory.id().equals(verifierId);
    }

    @Override
    public final Optional<RepairOutcome> repair(RepairRequest request) {
        ConstraintCheck target = request.targets().getFirst();
        if (!handles(target.constraint().verifier())) {
            return Optional.empty();
        }
        VerifierArguments arguments = VerifierArguments.bind(factory.id(), factory.parameters(),
                target.constraint().arguments());
        return patch(request.output(), arguments)
                .filter(patched -> !patched.equals(request.output()))
                .filter(patched -> factory.create(arguments).check(patched).passed())
                .map(RepairOutcome::patched);
    }

    /** The edited text, or empty where this edit does not apply. */
    abstract Optional<String> patch(String output, VerifierArguments arguments);
}
