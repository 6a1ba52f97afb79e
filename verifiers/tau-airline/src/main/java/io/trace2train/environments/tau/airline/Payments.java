package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;

/** The payment-method steps {@code update_reservation_baggages} and {@code update_reservation_flights} share. */
final class Payments {

    private Payments() {
    }

    /** The key of {@code users[reservation["user_id"]]}: a KeyError when that user is absent. */
    static String ownerKey(AirlineState data, JsonNode reservation) throws PyError {
        JsonNode userId = Py.item(reservation, "user_id");
        if (!Records.contains(data, "users", userId)) {
            throw PyError.keyError(userId);
        }
        return userId.textValue();
    }

    /** The checks on the method that pays {@code totalPrice}: the error text, or null when it may pay. */
    static String refusal(AirlineState data, String userKey, JsonNode paymentId, JsonNode totalPrice)
            throws PyError {
        JsonNode methods = Py.item(data.get("users", userKey), "payment_methods");
        if (!Py.in(paymentId, methods)) {
            return "Error: payment method not found";
        }
        JsonNode method = Py.item(methods, paymentId);
        if (Py.eq(Py.item(method, "source"), "certificate")) {
            return "Error: certificate cannot be used to update reservation";
        } else if (Py.eq(Py.item(method, "source"), "gift_card") && Py.lt(Py.item(method, "amount"), totalPrice)) {
            return "Error: gift card balance is not enough";
        }
        return null;
    }

    /** {@code if source == "gift_card": payment_method["amount"] -= totalPrice}. */
    static void chargeGiftCard(AirlineState data, String userKey, JsonNode paymentId, JsonNode totalPrice)
            throws PyError {
        JsonNode method = Py.item(Py.item(data.get("users", userKey), "payment_methods"), paymentId);
        if (Py.eq(Py.item(method, "source"), "gift_card")) {
            JsonNode own = Py.item(Py.item(data.writable("users", userKey), "payment_methods"), paymentId);
            Mutations.set(own, "amount", Py.sub(Py.item(own, "amount"), totalPrice, "-="));
        }
    }

    /** {@code {"payment_id": paymentId, "amount": amount}}. */
    static JsonNode entry(JsonNode paymentId, JsonNode amount) {
        com.fasterxml.jackson.databind.node.ObjectNode entry = Py.NODES.objectNode();
        entry.set("payment_id", paymentId);
        entry.set("amount", amount);
        return entry;
    }
}
