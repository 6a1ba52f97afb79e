package io.trace2train.api.plugin;

import io.trace2train.api.backend.BackendFactory;
import io.trace2train.api.env.EnvironmentFactory;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.api.repair.RepairStrategy;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.api.verify.VerifierFactory;
import java.util.List;

/**
 * The one service a plugin jar provides (listed in {@code META-INF/services/io.trace2train.api.plugin.Plugin}).
 * A plugin hands out factories; the engine binds each factory by its name and never instantiates plugin classes
 * itself. Later capabilities (repair strategies, model backends, exporters) add further factory lists here, each
 * with an empty default so existing plugins keep compiling.
 */
public interface Plugin {

    /** A short, stable name for listings and error messages, e.g. {@code "ifeval"}. */
    String name();

    /** Verifier factories contributed by this plugin, each keyed by its {@link VerifierFactory#id()}. */
    default List<VerifierFactory> verifierFactories() {
        return List.of();
    }

    /** Model backend factories, each keyed by its {@link BackendFactory#name()}. */
    default List<BackendFactory> backendFactories() {
        return List.of();
    }

    /** Repair strategies, each keyed by its {@link RepairStrategy#name()} (stateless, so no factory is needed). */
    default List<RepairStrategy> repairStrategies() {
        return List.of();
    }

    /** Training-data exporters, each keyed by its {@link ExporterFactory#name()}. */
    default List<ExporterFactory> exporterFactories() {
        return List.of();
    }

    /** Reward functions, each keyed by its {@link RewardFunction#name()}. */
    default List<RewardFunction> rewardFunctions() {
        return List.of();
    }

    /** Environments for agent episodes, each keyed by its {@link EnvironmentFactory#name()}. */
    default List<EnvironmentFactory> environmentFactories() {
        return List.of();
    }
}
