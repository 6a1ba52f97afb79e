package io.trace2train.engine.repair;

import io.trace2train.api.plugin.Plugin;
import io.trace2train.api.repair.RepairStrategy;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.engine.reward.ConstraintShareReward;
import java.util.List;

/** The engine's built-in plugin: the model repair strategies and the default reward, which work with any verifier. */
public final class CorePlugin implements Plugin {

    @Override
    public String name() {
        return "core";
    }

    @Override
    public List<RepairStrategy> repairStrategies() {
        return List.of(new RegenerateStrategy(), new FullStrategy());
    }

    @Override
    public List<RewardFunction> rewardFunctions() {
        return List.of(new ConstraintShareReward());
    }
}
