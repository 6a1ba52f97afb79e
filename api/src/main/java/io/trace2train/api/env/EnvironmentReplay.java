package io.trace2train.api.env;

/**
 * What an episode did to its environment, for the constraints that judge the world rather than the words: the state
 * the agent's calls left, and a way to build the state the task expected from a fresh start.
 */
public interface EnvironmentReplay {

    /** The environment's {@link EnvironmentFactory#name()}. */
    String name();

    /** The environment's {@link EnvironmentFactory#version()}. */
    String version();

    /** {@link Environment#stateDigest()} after the agent's calls, replayed in order from the initial state. */
    String finalStateDigest();

    /** A new environment in the initial state (the caller owns it), e.g. to replay a task's expected actions. */
    Environment fresh();
}
