package io.trace2train.environments.tau.airline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trace2train.api.env.EnvironmentFactory;
import io.trace2train.api.plugin.Plugin;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class TauAirlinePluginTest {

    @Test
    void theServiceLoaderFindsTheTauAirlineEnvironmentWithItsFourteenTools() {
        List<EnvironmentFactory> factories = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(plugin -> plugin.name().equals("tau-airline"))
                .flatMap(plugin -> plugin.environmentFactories().stream()).toList();
        assertEquals(List.of("tau-airline"), factories.stream().map(EnvironmentFactory::name).toList());
        var environment = factories.getFirst().create(Map.of());
        assertEquals(TauAirlineEnvironment.toolNames(),
                environment.tools().stream().map(tool -> tool.name()).toList(),
                "tools.json lists the tools in τ-bench's ALL_TOOLS order");
        assertEquals(14, environment.tools().size());
        assertEquals(true, TauAirlineEnvironment.policy().startsWith("# Airline Agent Policy"));
    }
}
