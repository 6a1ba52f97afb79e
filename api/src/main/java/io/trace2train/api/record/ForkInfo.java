package io.trace2train.api.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which fork of a rollout a record is: each task of a rollout is run {@code forks} times, each fork with its own
 * seed and temperature (those are in the record's {@code generation}).
 *
 * @param index 0-based
 * @param forks how many forks the task was given
 * @param branchAt for an agent task branched at step k: k, the agent model calls of the prefix every fork of the
 *     task shares (computed once with the run seed at the run's temperature; the fork's own calls follow); null
 *     when the fork ran its whole episode itself
 */
public record ForkInfo(int index, int forks,
        @JsonProperty("branch_at") @JsonInclude(JsonInclude.Include.NON_NULL) Integer branchAt) {

    public ForkInfo {
        if (forks < 1 || index < 0 || index >= forks) {
            throw new IllegalArgumentException("fork " + index + " of " + forks + " is not a fork");
        }
        if (branchAt != null && branchAt < 1) {
            throw new IllegalArgumentException("a fork branches at step 1 or later, got " + branchAt);
        }
    }

    /** A fork that ran its whole episode (or answer) itself. */
    public ForkInfo(int index, int forks) {
        this(index, forks, null);
    }
}
