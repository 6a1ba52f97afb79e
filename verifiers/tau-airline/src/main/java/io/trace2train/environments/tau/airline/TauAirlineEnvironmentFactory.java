package io.trace2train.environments.tau.airline;

import io.trace2train.api.env.Environment;
import io.trace2train.api.env.EnvironmentFactory;
import io.trace2train.api.param.ParameterSpec;
import java.util.List;
import java.util.Map;

/** Creates {@code tau-airline} environments: τ-bench's airline domain on its shipped database. */
public final class TauAirlineEnvironmentFactory implements EnvironmentFactory {

    public static final String NAME = "tau-airline";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "tau-bench-59a200c";
    }

    @Override
    public String description() {
        return "τ-bench airline: 14 tools over its flights, reservations and users database (tool results as "
                + "τ-bench's, τ-bench's reward)";
    }

    @Override
    public List<ParameterSpec> options() {
        return List.of();
    }

    @Override
    public Environment create(Map<String, String> options) {
        return TauAirlineEnvironment.create();
    }
}
