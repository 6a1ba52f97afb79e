package io.trace2train.engine.reward;

import io.trace2train.api.reward.RewardFunction;
import io.trace2train.engine.config.NamedOptions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Every reward function the loaded plugins provide, by name. */
@Singleton
public final class RewardFunctions {

    private final SortedMap<String, RewardFunction> functions;

    @Inject
    public RewardFunctions(Map<String, RewardFunction> functions) {
        this.functions = new TreeMap<>(functions);
    }

    /** @throws IllegalArgumentException naming the closest known ones, when no plugin provides {@code name} */
    public RewardFunction get(String name) {
        RewardFunction function = functions.get(name);
        if (function == null) {
            throw NamedOptions.unknown("reward", name, functions.keySet());
        }
        return function;
    }

    public SortedMap<String, RewardFunction> all() {
        return Collections.unmodifiableSortedMap(functions);
    }
}
