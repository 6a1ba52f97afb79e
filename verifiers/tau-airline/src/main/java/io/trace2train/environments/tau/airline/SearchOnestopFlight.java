package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * {@code search_onestop_flight}: pairs of available flights through one connecting airport. Ported with τ-bench's
 * quirks: an arrival marked {@code +1} moves the second leg to {@code 2024-05-<day+1>} (no zero padding), yet that
 * leg's data is read for the first leg's date (a KeyError when it does not fly then).
 */
final class SearchOnestopFlight implements AirlineTool {

    @Override
    public String name() {
        return "search_onestop_flight";
    }

    @Override
    public String pythonClass() {
        return "SearchOnestopFlight";
    }

    @Override
    public List<String> parameters() {
        return List.of("origin", "destination", "date");
    }

    @Override
    public String invoke(AirlineState data, Map<String, JsonNode> args) throws PyError {
        JsonNode date = args.get("date");
        List<JsonNode> flights = data.values("flights");
        ArrayNode results = Py.NODES.arrayNode();
        for (JsonNode first : flights) {
            if (!Py.eq(Py.item(first, "origin"), args.get("origin"))) {
                continue;
            }
            for (JsonNode second : flights) {
                if (!(Py.eq(Py.item(second, "destination"), args.get("destination"))
                        && Py.eq(Py.item(first, "destination"), Py.item(second, "origin")))) {
                    continue;
                }
                JsonNode secondDate = Py.in("+1", Py.item(first, "scheduled_arrival_time_est"))
                        ? Py.text("2024-05-" + PyInt.parse(lastTwo(date)).add(BigInteger.ONE)) : date;
                if (Py.gt(Py.item(first, "scheduled_arrival_time_est"),
                        Py.item(second, "scheduled_departure_time_est"))) {
                    continue;
                }
                if (Py.in(date, Py.item(first, "dates")) && Py.in(secondDate, Py.item(second, "dates"))) {
                    if (Py.eq(Py.item(Py.item(Py.item(first, "dates"), date), "status"), "available")
                            && Py.eq(Py.item(Py.item(Py.item(second, "dates"), secondDate), "status"),
                            "available")) {
                        var leg1 = FlightView.onDate(first, Py.item(Py.item(first, "dates"), date));
                        leg1.set("date", date);
                        var leg2 = FlightView.onDate(second, Py.item(Py.item(second, "dates"), date));
                        leg2.set("date", secondDate);
                        results.addArray().add(leg1).add(leg2);
                    }
                }
            }
        }
        return PyJson.dumps(results);
    }

    /** {@code date[-2:]}. */
    private static JsonNode lastTwo(JsonNode date) throws PyError {
        if (date.isTextual()) {
            String s = date.textValue();
            int n = s.codePointCount(0, s.length());
            return Py.text(s.substring(s.offsetByCodePoints(0, Math.max(0, n - 2))));
        }
        if (date.isArray()) {
            ArrayNode tail = Py.NODES.arrayNode();
            for (int i = Math.max(0, date.size() - 2); i < date.size(); i++) {
                tail.add(date.get(i));
            }
            return tail;
        }
        if (date.isObject()) {
            throw new PyError("unhashable type: 'slice'");
        }
        throw new PyError("'" + Py.typeName(date) + "' object is not subscriptable");
    }
}
