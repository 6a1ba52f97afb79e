package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** {@code transfer_to_human_agents}: ends the episode in τ-bench (its only terminating tool); changes nothing. */
final class TransferToHumanAgents implements AirlineTool {

    static final String NAME = "transfer_to_human_agents";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String pythonClass() {
        return "TransferToHumanAgents";
    }

    @Override
    public List<String> parameters() {
        return List.of("summary");
    }

    @Override
    public String invoke(AirlineState data, Map<String, JsonNode> args) {
        return "Transfer successful";
    }
}
