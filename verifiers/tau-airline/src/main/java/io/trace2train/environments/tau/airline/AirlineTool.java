package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One τ-bench airline tool: a port of {@code tau_bench/envs/airline/tools/<name>.py}'s {@code invoke(data, ...)}.
 * Implementations follow the Python statement by statement, so that errors surface at the same point, after the
 * same changes to the state, with the same text.
 */
interface AirlineTool {

    /** The function name the agent calls. */
    String name();

    /** The Python class, as its {@code TypeError}s name it ({@code BookReservation.invoke() missing ...}). */
    String pythonClass();

    /** The parameters after {@code data}, in declaration order (all required). */
    List<String> parameters();

    /**
     * Runs the call on {@code data}.
     *
     * @param args every parameter, bound by name (the binding already enforced Python's call rules)
     * @return the observation; null where the Python returns {@code None}
     * @throws PyError where the Python raises
     */
    String invoke(AirlineState data, Map<String, JsonNode> args) throws PyError;
}
