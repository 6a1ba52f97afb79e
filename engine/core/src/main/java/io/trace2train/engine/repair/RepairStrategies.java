package io.trace2train.engine.repair;

import io.trace2train.api.repair.RepairStrategy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Every repair strategy the loaded plugins provide, by name. */
@Singleton
public final class RepairStrategies {

    private final SortedMap<String, RepairStrategy> strategies;

    @Inject
    public RepairStrategies(Map<String, RepairStrategy> strategies) {
        this.strategies = new TreeMap<>(strategies);
    }

    public SortedMap<String, RepairStrategy> all() {
        return Collections.unmodifiableSortedMap(strategies);
    }
}
