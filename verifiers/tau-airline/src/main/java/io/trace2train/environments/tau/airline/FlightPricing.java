package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;

/**
 * The flight checks {@code book_reservation} and {@code update_reservation_flights} both make, in their order: the
 * flight exists, flies that date, is available, has seats in the cabin; then the flight gets its price, origin
 * and destination.
 */
final class FlightPricing {

    private FlightPricing() {
    }

    /**
     * Checks and prices one requested flight (a dict the tool owns) for {@code passengers}.
     *
     * @return the error text (a String), or {@code price * len(passengers)} (a JsonNode)
     */
    static Object price(AirlineState data, JsonNode flight, JsonNode cabin, JsonNode passengers) throws PyError {
        JsonNode flightNumber = Py.item(flight, "flight_number");
        if (!Records.contains(data, "flights", flightNumber)) {
            return "Error: flight " + PyRepr.str(flightNumber) + " not found";
        }
        JsonNode flightData = Records.get(data, "flights", flightNumber);
        if (!Py.in(Py.item(flight, "date"), Py.item(flightData, "dates"))) {
            return "Error: flight " + PyRepr.str(flightNumber) + " not found on date "
                    + PyRepr.str(Py.item(flight, "date"));
        }
        JsonNode dateData = Py.item(Py.item(flightData, "dates"), Py.item(flight, "date"));
        if (!Py.eq(Py.item(dateData, "status"), "available")) {
            return "Error: flight " + PyRepr.str(flightNumber) + " not available on date "
                    + PyRepr.str(Py.item(flight, "date"));
        }
        if (Py.lt(Py.item(Py.item(dateData, "available_seats"), cabin), IntNode.valueOf(Py.len(passengers)))) {
            return "Error: not enough seats on flight " + PyRepr.str(flightNumber);
        }
        Mutations.set(flight, "price", Py.item(Py.item(dateData, "prices"), cabin));
        Mutations.set(flight, "origin", Py.item(flightData, "origin"));
        Mutations.set(flight, "destination", Py.item(flightData, "destination"));
        return Py.mul(Py.item(flight, "price"), IntNode.valueOf(Py.len(passengers)));
    }
}
