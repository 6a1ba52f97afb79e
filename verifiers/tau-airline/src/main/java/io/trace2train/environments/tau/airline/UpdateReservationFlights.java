package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code update_reservation_flights}: replaces the flights; a flight kept (same number and date, same cabin) keeps
 * its price, a new one is priced from the flight table, and the difference is charged or refunded. As in τ-bench,
 * the reservation's cabin and the flights' seats are not updated.
 */
final class UpdateReservationFlights implements AirlineTool {

    @Override
    public String name() {
        return "update_reservation_flights";
    }

    @Override
    public String pythonClass() {
        return "UpdateReservationFlights";
    }

    @Override
    public List<String> parameters() {
        return List.of("reservation_id", "cabin", "flights", "payment_id");
    }

    @Override
    public String invoke(AirlineState data, Map<String, JsonNode> args) throws PyError {
        JsonNode reservationId = args.get("reservation_id");
        JsonNode cabin = args.get("cabin");
        JsonNode paymentId = args.get("payment_id");
        if (!Records.contains(data, "reservations", reservationId)) {
            return "Error: reservation not found";
        }
        JsonNode reservation = Records.get(data, "reservations", reservationId);
        JsonNode totalPrice = IntNode.valueOf(0);
        JsonNode flights = args.get("flights").deepCopy();
        for (JsonNode flight : Py.iterate(flights)) {
            JsonNode kept = keptFlight(reservation, flight, cabin);
            if (kept != null) {
                totalPrice = Py.add(totalPrice, Py.mul(Py.item(kept, "price"),
                        IntNode.valueOf(Py.len(Py.item(reservation, "passengers")))), "+=");
                Mutations.set(flight, "price", Py.item(kept, "price"));
                Mutations.set(flight, "origin", Py.item(kept, "origin"));
                Mutations.set(flight, "destination", Py.item(kept, "destination"));
                continue;
            }
            Object priced = FlightPricing.price(data, flight, cabin, Py.item(reservation, "passengers"));
            if (priced instanceof String error) {
                return error;
            }
            totalPrice = Py.add(totalPrice, (JsonNode) priced, "+=");
        }
        List<JsonNode> oldPrices = new ArrayList<>();
        for (JsonNode flight : Py.iterate(Py.item(reservation, "flights"))) {
            oldPrices.add(Py.item(flight, "price"));
        }
        totalPrice = Py.sub(totalPrice, Py.mul(Py.sum(oldPrices),
                IntNode.valueOf(Py.len(Py.item(reservation, "passengers")))), "-=");

        String userKey = Payments.ownerKey(data, reservation);
        String refusal = Payments.refusal(data, userKey, paymentId, totalPrice);
        if (refusal != null) {
            return refusal;
        }
        Payments.chargeGiftCard(data, userKey, paymentId, totalPrice);
        ObjectNode own = (ObjectNode) data.writable("reservations", reservationId.textValue());
        own.set("flights", flights);
        if (!Py.eq(totalPrice, IntNode.valueOf(0))) {
            Mutations.extend(Py.item(own, "payment_history"), List.of(Payments.entry(paymentId, totalPrice)));
        }
        return PyJson.dumps(own);
    }

    /** The first of the reservation's flights with the same number and date, when the cabin stays the same. */
    private static JsonNode keptFlight(JsonNode reservation, JsonNode flight, JsonNode cabin) throws PyError {
        for (JsonNode old : Py.iterate(Py.item(reservation, "flights"))) {
            if (Py.eq(Py.item(old, "flight_number"), Py.item(flight, "flight_number"))
                    && Py.eq(Py.item(old, "date"), Py.item(flight, "date"))
                    && Py.eq(cabin, Py.item(reservation, "cabin"))) {
                return old;
            }
        }
        return null;
    }
}
