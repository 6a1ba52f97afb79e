package io.trace2train.engine.reward;

import io.trace2train.api.reward.RewardFunction;
import io.trace2train.engine.plugin.PluginRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.SortedMap;

/** Every reward function the loaded plugins provide, by name. */
@Singleton
public final class RewardFunctions {

    private final PluginRegistry<RewardFunction> functions;

    @Inject
    RewardFunctions(PluginRegistry<RewardFunction> functions) {
        this.functions = functions;
    }

    /** @throws io.trace2train.engine.io.BadInputException naming the closest known ones, when no plugin provides {@code name} */
    public RewardFunction get(String name) {
        return functions.get(name);
    }

    public SortedMap<String, RewardFunction> all() {
        return functions.all();
    }
}
