package io.trace2train.engine.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.trace2train.api.verify.VerifierFactory;
import java.util.List;

/** Binds every factory of the loaded plugins by name: {@code Map<String, VerifierFactory>}. */
public final class PluginModule extends AbstractModule {

    private final List<LoadedPlugin> plugins;

    public PluginModule(List<LoadedPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    @Override
    protected void configure() {
        MapBinder<String, VerifierFactory> verifiers =
                MapBinder.newMapBinder(binder(), String.class, VerifierFactory.class);
        for (LoadedPlugin plugin : plugins) {
            for (VerifierFactory factory : plugin.plugin().verifierFactories()) {
                verifiers.addBinding(factory.id()).toInstance(factory);
            }
        }
        bind(LoadedPlugins.class).toInstance(new LoadedPlugins(plugins));
    }
}
