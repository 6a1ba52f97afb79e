package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** {@code get_reservation_details}: a reservation as JSON; a missing one says "user not found", as τ-bench does. */
final class GetReservationDetails implements AirlineTool {

    @Override
    public String name() {
        return "get_reservation_details";
    }

    @Override
    public String pythonClass() {
        return "GetReservationDetails";
    }

    @Override
    public List<String> parameters() {
        return List.of("reservation_id");
    }

    @Override
    public String invoke(AirlineState data, Map<String, JsonNode> args) throws PyError {
        return Records.dumpOrNotFound(data, "reservations", args.get("reservation_id"));
    }
}
