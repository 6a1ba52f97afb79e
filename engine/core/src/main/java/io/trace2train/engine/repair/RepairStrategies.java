package io.trace2train.engine.repair;

import io.trace2train.api.repair.RepairStrategy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import io.trace2train.engine.plugin.PluginRegistry;
import java.util.SortedMap;

/** Every repair strategy the loaded plugins provide, by name. */
@Singleton
public final class RepairStrategies {

    private final PluginRegistry<RepairStrategy> strategies;

    @Inject
    RepairStrategies(PluginRegistry<RepairStrategy> strategies) {
        this.strategies = strategies;
    }

    /** @throws IllegalArgumentException naming the closest known ones, when no plugin provides {@code name} */
    public RepairStrategy get(String name) {
        return strategies.get(name);
    }

    public SortedMap<String, RepairStrategy> all() {
        return strategies.all();
    }
}
