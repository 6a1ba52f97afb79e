package io.trace2train.engine.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.trace2train.api.backend.BackendFactory;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.api.repair.RepairStrategy;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.api.verify.VerifierFactory;
import java.util.List;

/**
 * Binds what the loaded plugins contribute by name: {@code Map<String, VerifierFactory>},
 * {@code Map<String, BackendFactory>}, {@code Map<String, RepairStrategy>}, {@code Map<String, ExporterFactory>} and
 * {@code Map<String, RewardFunction>}.
 */
public final class PluginModule extends AbstractModule {

    private final List<LoadedPlugin> plugins;

    public PluginModule(List<LoadedPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    @Override
    protected void configure() {
        MapBinder<String, VerifierFactory> verifiers =
                MapBinder.newMapBinder(binder(), String.class, VerifierFactory.class);
        MapBinder<String, BackendFactory> backends = MapBinder.newMapBinder(binder(), String.class, BackendFactory.class);
        MapBinder<String, RepairStrategy> strategies =
                MapBinder.newMapBinder(binder(), String.class, RepairStrategy.class);
        MapBinder<String, ExporterFactory> exporters =
                MapBinder.newMapBinder(binder(), String.class, ExporterFactory.class);
        MapBinder<String, RewardFunction> rewards = MapBinder.newMapBinder(binder(), String.class, RewardFunction.class);
        for (LoadedPlugin plugin : plugins) {
            plugin.plugin().verifierFactories().forEach(f -> verifiers.addBinding(f.id()).toInstance(f));
            plugin.plugin().backendFactories().forEach(f -> backends.addBinding(f.name()).toInstance(f));
            plugin.plugin().repairStrategies().forEach(s -> strategies.addBinding(s.name()).toInstance(s));
            plugin.plugin().exporterFactories().forEach(f -> exporters.addBinding(f.name()).toInstance(f));
            plugin.plugin().rewardFunctions().forEach(r -> rewards.addBinding(r.name()).toInstance(r));
        }
        bind(LoadedPlugins.class).toInstance(new LoadedPlugins(plugins));
    }
}
