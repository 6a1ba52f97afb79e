package io.trace2train.verifiers.agent;

import io.trace2train.api.plugin.Plugin;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.api.verify.VerifierFactory;
import java.util.List;

/** The built-in plugin {@code agent}: the ten episode constraints and the {@code state} reward. */
public final class AgentPlugin implements Plugin {

    @Override
    public String name() {
        return "agent";
    }

    @Override
    public List<VerifierFactory> verifierFactories() {
        return List.of(ToolArgumentsValid.factory(), KnownTools.factory(), AllowedTools.factory(),
                ForbiddenTools.factory(), RequiredCalls.factory(), ToolOrder.factory(), MaxCalls.factory(),
                ToolsAnswered.factory(), ToldUser.factory(), StateMatches.factory());
    }

    @Override
    public List<RewardFunction> rewardFunctions() {
        return List.of(new StateReward());
    }
}
