package io.trace2train.engine;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.util.Types;
import io.trace2train.engine.backend.BackendRegistry;
import io.trace2train.engine.export.ExporterRegistry;
import io.trace2train.engine.plugin.LoadedPlugin;
import io.trace2train.engine.plugin.LoadedPlugins;
import io.trace2train.engine.plugin.PluginKind;
import io.trace2train.engine.plugin.PluginRegistry;
import io.trace2train.engine.repair.RepairStrategies;
import io.trace2train.engine.reward.RewardFunctions;
import io.trace2train.engine.verify.VerifierRegistry;
import java.util.List;

/**
 * Every binding of the engine, spelt out: the loaded plugins, one {@link PluginRegistry} per {@link PluginKind}
 * ({@code PluginRegistry<VerifierFactory>}, ...) and the registries built on them. Explicit bindings only, so a
 * class is never wired because someone happened to ask the injector for it.
 */
final class EngineModule extends AbstractModule {

    private final List<LoadedPlugin> plugins;

    EngineModule(List<LoadedPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        binder().requireAtInjectOnConstructors();
        binder().disableCircularProxies();
        bind(LoadedPlugins.class).toInstance(new LoadedPlugins(plugins));
        for (PluginKind<?> kind : PluginKind.ALL) {
            bindRegistry(kind);
        }
        bind(VerifierRegistry.class);
        bind(BackendRegistry.class);
        bind(RepairStrategies.class);
        bind(ExporterRegistry.class);
        bind(RewardFunctions.class);
    }

    private <T> void bindRegistry(PluginKind<T> kind) {
        bind(registryKey(kind)).toInstance(PluginRegistry.of(kind, plugins));
    }

    @SuppressWarnings("unchecked") // the type is built from PluginRegistry and the kind's own Class<T>
    static <T> Key<PluginRegistry<T>> registryKey(PluginKind<T> kind) {
        return (Key<PluginRegistry<T>>) Key.get(Types.newParameterizedType(PluginRegistry.class, kind.type()));
    }
}
