package io.trace2train.engine.repair;

import io.trace2train.api.plugin.Plugin;
import io.trace2train.api.repair.RepairStrategy;
import java.util.List;

/** The engine's built-in plugin: the model repair strategies, which work with any verifier. */
public final class CorePlugin implements Plugin {

    @Override
    public String name() {
        return "core";
    }

    @Override
    public List<RepairStrategy> repairStrategies() {
        return List.of(new RegenerateStrategy(), new FullStrategy());
    }
}
