package io.trace2train.api.record;

/**
 * Which fork of a rollout a record is: each task of a rollout is run {@code forks} times, each fork with its own
 * seed and temperature (those are in the record's {@code generation}).
 *
 * @param index 0-based
 * @param forks how many forks the task was given
 */
public record ForkInfo(int index, int forks) {

    public ForkInfo {
        if (forks < 1 || index < 0 || index >= forks) {
            throw new IllegalArgumentException("fork " + index + " of " + forks + " is not a fork");
        }
    }
}
