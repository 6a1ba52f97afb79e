package io.trace2train.environments.tau.airline;

import io.trace2train.api.env.EnvironmentFactory;
import io.trace2train.api.plugin.Plugin;
import java.util.List;

/** The built-in plugin that contributes the {@code tau-airline} environment. */
public final class TauAirlinePlugin implements Plugin {

    @Override
    public String name() {
        return "tau-airline";
    }

    @Override
    public List<EnvironmentFactory> environmentFactories() {
        return List.of(new TauAirlineEnvironmentFactory());
    }
}
