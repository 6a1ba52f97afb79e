package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A search result: a flight's fields but {@code dates}, then one date's fields (shared nodes, only ever written out). */
final class FlightView {

    private FlightView() {
    }

    static ObjectNode onDate(JsonNode flight, JsonNode dateData) throws PyError {
        ObjectNode view = Py.NODES.objectNode();
        flight.properties().iterator().forEachRemaining(field -> {
            if (!field.getKey().equals("dates")) {
                view.set(field.getKey(), field.getValue());
            }
        });
        if (!dateData.isObject()) {
            throw new PyError("'" + Py.typeName(dateData) + "' object is not iterable");
        }
        dateData.properties().iterator().forEachRemaining(field -> view.set(field.getKey(), field.getValue()));
        return view;
    }
}
