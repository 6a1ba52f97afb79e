package io.trace2train.api.env;

import io.trace2train.api.param.ParameterSpec;
import java.util.List;
import java.util.Map;

/** Creates an {@link Environment} of one kind from its options, e.g. {@code tau-airline}. */
public interface EnvironmentFactory {

    /** The name tasks and users pick it by. */
    String name();

    /** The version of its behaviour (tools, rules, data), stored in every record that used it. */
    String version();

    /** One line for listings. */
    String description();

    /** The options it takes; the engine rejects any other, with the closest known names. */
    List<ParameterSpec> options();

    /**
     * Creates an environment in its initial state.
     *
     * @param options the given options, by name, already checked against {@link #options()}
     * @throws io.trace2train.api.param.InvalidArgumentsException when a value is wrong
     */
    Environment create(Map<String, String> options);
}
