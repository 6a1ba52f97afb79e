package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** {@code update_reservation_baggages}: new bag counts; each extra non-free bag costs 50, never refunded. */
final class UpdateReservationBaggages implements AirlineTool {

    @Override
    public String name() {
        return "update_reservation_baggages";
    }

    @Override
    public String pythonClass() {
        return "UpdateReservationBaggages";
    }

    @Override
    public List<String> parameters() {
        return List.of("reservation_id", "total_baggages", "nonfree_baggages", "payment_id");
    }

    @Override
    public String invoke(AirlineState data, Map<String, JsonNode> args) throws PyError {
        JsonNode reservationId = args.get("reservation_id");
        JsonNode nonfree = args.get("nonfree_baggages");
        JsonNode paymentId = args.get("payment_id");
        if (!Records.contains(data, "reservations", reservationId)) {
            return "Error: reservation not found";
        }
        JsonNode reservation = Records.get(data, "reservations", reservationId);
        JsonNode extra = Py.sub(nonfree, Py.item(reservation, "nonfree_baggages"), "-");
        JsonNode totalPrice = Py.mul(IntNode.valueOf(50), Py.max(IntNode.valueOf(0), extra));
        String userKey = Payments.ownerKey(data, reservation);
        String refusal = Payments.refusal(data, userKey, paymentId, totalPrice);
        if (refusal != null) {
            return refusal;
        }
        ObjectNode own = (ObjectNode) data.writable("reservations", reservationId.textValue());
        own.set("total_baggages", args.get("total_baggages"));
        own.set("nonfree_baggages", nonfree);
        Payments.chargeGiftCard(data, userKey, paymentId, totalPrice);
        if (!Py.eq(totalPrice, IntNode.valueOf(0))) {
            Mutations.extend(Py.item(own, "payment_history"), List.of(Payments.entry(paymentId, totalPrice)));
        }
        return PyJson.dumps(own);
    }
}
