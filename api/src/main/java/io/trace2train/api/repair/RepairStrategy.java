package io.trace2train.api.repair;

import java.util.Optional;

/**
 * One way to repair an output that fails hard constraints. Stateless and thread-safe, so a plugin hands out
 * instances directly (there is nothing to configure per run).
 */
public interface RepairStrategy {

    /** A stable name, recorded with every attempt, e.g. {@code "patch:remove_commas"}, {@code "regenerate"}. */
    String name();

    RepairKind kind();

    /** Whether this strategy can fix a failure of the given verifier; model strategies handle every id. */
    boolean handles(String verifierId);

    /**
     * Repairs the first of {@link RepairRequest#targets()} (a model strategy addresses them all).
     *
     * @return the new output, or empty when this strategy cannot apply here (the planner then escalates)
     */
    Optional<RepairOutcome> repair(RepairRequest request);
}
