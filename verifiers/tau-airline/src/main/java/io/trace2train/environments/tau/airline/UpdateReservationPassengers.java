package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** {@code update_reservation_passengers}: replaces the passengers, which must be as many as before. */
final class UpdateReservationPassengers implements AirlineTool {

    @Override
    public String name() {
        return "update_reservation_passengers";
    }

    @Override
    public String pythonClass() {
        return "UpdateReservationPassengers";
    }

    @Override
    public List<String> parameters() {
        return List.of("reservation_id", "passengers");
    }

    @Override
    public String invoke(AirlineState data, Map<String, JsonNode> args) throws PyError {
        JsonNode reservationId = args.get("reservation_id");
        JsonNode passengers = args.get("passengers");
        if (!Records.contains(data, "reservations", reservationId)) {
            return "Error: reservation not found";
        }
        JsonNode reservation = Records.get(data, "reservations", reservationId);
        if (Py.len(passengers) != Py.len(Py.item(reservation, "passengers"))) {
            return "Error: number of passengers does not match";
        }
        ObjectNode own = (ObjectNode) data.writable("reservations", reservationId.textValue());
        own.set("passengers", passengers);
        return PyJson.dumps(own);
    }
}
