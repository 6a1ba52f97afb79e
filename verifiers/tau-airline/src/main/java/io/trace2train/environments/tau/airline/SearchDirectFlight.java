package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Map;

/** {@code search_direct_flight}: the available flights of one route on one date, each with that date's data. */
final class SearchDirectFlight implements AirlineTool {

    @Override
    public String name() {
        return "search_direct_flight";
    }

    @Override
    public String pythonClass() {
        return "SearchDirectFlight";
    }

    @Override
    public List<String> parameters() {
        return List.of("origin", "destination", "date");
    }

    @Override
    public String invoke(AirlineState data, Map<String, JsonNode> args) throws PyError {
        JsonNode date = args.get("date");
        ArrayNode results = Py.NODES.arrayNode();
        for (JsonNode flight : data.values("flights")) {
            if (Py.eq(Py.item(flight, "origin"), args.get("origin"))
                    && Py.eq(Py.item(flight, "destination"), args.get("destination"))) {
                JsonNode dates = Py.item(flight, "dates");
                if (Py.in(date, dates) && Py.eq(Py.item(Py.item(dates, date), "status"), "available")) {
                    results.add(FlightView.onDate(flight, Py.item(dates, date)));
                }
            }
        }
        return PyJson.dumps(results);
    }
}
