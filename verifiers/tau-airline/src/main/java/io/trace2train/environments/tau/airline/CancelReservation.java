package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code cancel_reservation}: appends a refund (negated amount) for every payment and marks it cancelled. */
final class CancelReservation implements AirlineTool {

    @Override
    public String name() {
        return "cancel_reservation";
    }

    @Override
    public String pythonClass() {
        return "CancelReservation";
    }

    @Override
    public List<String> parameters() {
        return List.of("reservation_id");
    }

    @Override
    public String invoke(AirlineState data, Map<String, JsonNode> args) throws PyError {
        JsonNode reservationId = args.get("reservation_id");
        if (!Records.contains(data, "reservations", reservationId)) {
            return "Error: reservation not found";
        }
        JsonNode reservation = Records.get(data, "reservations", reservationId);
        List<JsonNode> refunds = new ArrayList<>();
        for (JsonNode payment : Py.iterate(Py.item(reservation, "payment_history"))) {
            ObjectNode refund = Py.NODES.objectNode();
            refund.set("payment_id", Py.item(payment, "payment_id").deepCopy());
            refund.set("amount", Py.neg(Py.item(payment, "amount")));
            refunds.add(refund);
        }
        JsonNode own = data.writable("reservations", reservationId.textValue());
        Mutations.extend(Py.item(own, "payment_history"), refunds);
        ((ObjectNode) own).put("status", "cancelled");
        return PyJson.dumps(own);
    }
}
