package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** {@code get_user_details}: a user's record as JSON. */
final class GetUserDetails implements AirlineTool {

    @Override
    public String name() {
        return "get_user_details";
    }

    @Override
    public String pythonClass() {
        return "GetUserDetails";
    }

    @Override
    public List<String> parameters() {
        return List.of("user_id");
    }

    @Override
    public String invoke(AirlineState data, Map<String, JsonNode> args) throws PyError {
        return Records.dumpOrNotFound(data, "users", args.get("user_id"));
    }
}
