package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code book_reservation}: a new reservation {@code HATHAT} (then {@code HATHAU}, then {@code HATHAV}, which a fourth
 * booking overwrites, as in τ-bench), priced from the flight table, paid by the given methods: gift cards are
 * debited, certificates used up. Seats are not taken.
 */
final class BookReservation implements AirlineTool {

    @Override
    public String name() {
        return "book_reservation";
    }

    @Override
    public String pythonClass() {
        return "BookReservation";
    }

    @Override
    public List<String> parameters() {
        return List.of("user_id", "origin", "destination", "flight_type", "cabin", "flights", "passengers",
                "payment_methods", "total_baggages", "nonfree_baggages", "insurance");
    }

    @Override
    public String invoke(AirlineState data, Map<String, JsonNode> args) throws PyError {
        JsonNode userId = args.get("user_id");
        JsonNode cabin = args.get("cabin");
        JsonNode passengers = args.get("passengers");
        JsonNode paymentMethods = args.get("payment_methods");
        if (!Records.contains(data, "users", userId)) {
            return "Error: user not found";
        }
        JsonNode user = Records.get(data, "users", userId);
        String reservationId = "HATHAT";
        if (data.contains("reservations", reservationId)) {
            reservationId = "HATHAU";
            if (data.contains("reservations", reservationId)) {
                reservationId = "HATHAV";
            }
        }
        ObjectNode reservation = Py.NODES.objectNode();
        reservation.put("reservation_id", reservationId);
        reservation.set("user_id", userId);
        reservation.set("origin", args.get("origin"));
        reservation.set("destination", args.get("destination"));
        reservation.set("flight_type", args.get("flight_type"));
        reservation.set("cabin", cabin);
        reservation.set("flights", args.get("flights").deepCopy());
        reservation.set("passengers", passengers);
        reservation.set("payment_history", paymentMethods);
        reservation.put("created_at", "2024-05-15T15:00:00");
        reservation.set("total_baggages", args.get("total_baggages"));
        reservation.set("nonfree_baggages", args.get("nonfree_baggages"));
        reservation.set("insurance", args.get("insurance"));

        JsonNode totalPrice = IntNode.valueOf(0);
        for (JsonNode flight : Py.iterate(reservation.get("flights"))) {
            Object priced = FlightPricing.price(data, flight, cabin, passengers);
            if (priced instanceof String error) {
                return error;
            }
            totalPrice = Py.add(totalPrice, (JsonNode) priced, "+=");
        }
        if (Py.eq(args.get("insurance"), "yes")) {
            totalPrice = Py.add(totalPrice, Py.mul(IntNode.valueOf(30), IntNode.valueOf(Py.len(passengers))), "+=");
        }
        totalPrice = Py.add(totalPrice, Py.mul(IntNode.valueOf(50), args.get("nonfree_baggages")), "+=");

        JsonNode methods = Py.item(user, "payment_methods");
        for (JsonNode payment : Py.iterate(paymentMethods)) {
            JsonNode paymentId = Py.item(payment, "payment_id");
            JsonNode amount = Py.item(payment, "amount");
            if (!Py.in(paymentId, methods)) {
                return "Error: payment method " + PyRepr.str(paymentId) + " not found";
            }
            JsonNode source = Py.item(Py.item(methods, paymentId), "source");
            if (Py.eq(source, "gift_card") || Py.eq(source, "certificate")) {
                if (Py.lt(Py.item(Py.item(methods, paymentId), "amount"), amount)) {
                    return "Error: not enough balance in payment method " + PyRepr.str(paymentId);
                }
            }
        }
        if (!Py.eq(paid(paymentMethods), totalPrice)) {
            return "Error: payment amount does not add up, total price is " + PyRepr.str(totalPrice) + ", but paid "
                    + PyRepr.str(paid(paymentMethods));
        }

        // every check passed: debit gift cards, use up certificates (a certificate listed twice fails here, as in
        // τ-bench, after the earlier debits)
        JsonNode own = data.writable("users", userId.textValue());
        for (JsonNode payment : Py.iterate(paymentMethods)) {
            JsonNode paymentId = Py.item(payment, "payment_id");
            JsonNode amount = Py.item(payment, "amount");
            JsonNode ownMethods = Py.item(own, "payment_methods");
            if (Py.eq(Py.item(Py.item(ownMethods, paymentId), "source"), "gift_card")) {
                JsonNode method = Py.item(ownMethods, paymentId);
                Mutations.set(method, "amount", Py.sub(Py.item(method, "amount"), amount, "-="));
            } else if (Py.eq(Py.item(Py.item(ownMethods, paymentId), "source"), "certificate")) {
                ((ObjectNode) ownMethods).remove(paymentId.textValue());
            }
        }
        data.put("reservations", reservationId, reservation);
        Mutations.extend(Py.item(own, "reservations"), List.of(Py.text(reservationId)));
        return PyJson.dumps(reservation);
    }

    /** {@code sum(payment["amount"] for payment in payment_methods)}. */
    private static JsonNode paid(JsonNode paymentMethods) throws PyError {
        List<JsonNode> amounts = new ArrayList<>();
        for (JsonNode payment : Py.iterate(paymentMethods)) {
            amounts.add(Py.item(payment, "amount"));
        }
        return Py.sum(amounts);
    }
}
