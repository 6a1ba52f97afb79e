package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** {@code think}: a scratchpad; returns the empty string and changes nothing. */
final class Think implements AirlineTool {

    @Override
    public String name() {
        return "think";
    }

    @Override
    public String pythonClass() {
        return "Think";
    }

    @Override
    public List<String> parameters() {
        return List.of("thought");
    }

    @Override
    public String invoke(AirlineState data, Map<String, JsonNode> args) {
        return "";
    }
}
