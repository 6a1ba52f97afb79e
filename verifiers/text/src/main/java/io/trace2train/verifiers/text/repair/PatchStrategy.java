package io.trace2train.verifiers.text.repair;

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
 * A deterministic edit that fixes one instruction exactly. The edit is kept only if the instruction's own
 * verifier passes on the edited text, so a patch never claims a fix it did not make; whether it broke another
 * constraint is the runner's to check (it re-verifies everything and rolls back).
 */
public final class PatchStrategy implements RepairStrategy {

    private final String name;
    private final VerifierFactory factory;
    /** The edited text, or empty where this edit does not apply. */
    private final BiFunction<String, VerifierArguments, Optional<String>> edit;

    private PatchStrategy(String name, VerifierFactory factory,
            BiFunction<String, VerifierArguments, Optional<String>> edit) {
        this.name = requireNonNull(name, "name");
        this.factory = requireNonNull(factory, "factory");
        this.edit = requireNonNull(edit, "edit");
    }

    /** A patch from an edit function (every verifier plugin builds its patches with it). */
    public static RepairStrategy of(String name, VerifierFactory factory,
            BiFunction<String, VerifierArguments, Optional<String>> edit) {
        return new PatchStrategy(name, factory, edit);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RepairKind kind() {
        return RepairKind.PATCH;
    }

    @Override
    public boolean handles(String verifierId) {
        return factory.id().equals(verifierId);
    }

    @Override
    public Optional<RepairOutcome> repair(RepairRequest request) {
        ConstraintCheck target = request.targets().getFirst();
        if (!handles(target.constraint().verifier())) {
            return Optional.empty();
        }
        VerifierArguments arguments = VerifierArguments.bind(factory.id(), factory.parameters(),
                target.constraint().arguments());
        return edit.apply(request.output(), arguments)
                .filter(patched -> !patched.equals(request.output()))
                .filter(patched -> factory.create(arguments).check(patched).passed())
                .map(RepairOutcome::patched);
    }
}
