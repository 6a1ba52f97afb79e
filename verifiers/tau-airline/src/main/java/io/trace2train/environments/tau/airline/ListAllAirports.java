package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** {@code list_all_airports}: a fixed map of 20 IATA codes to cities. */
final class ListAllAirports implements AirlineTool {

    private static final String AIRPORTS = "{\"SFO\": \"San Francisco\", \"JFK\": \"New York\", \"LAX\": \"Los Angeles\", "
            + "\"ORD\": \"Chicago\", \"DFW\": \"Dallas\", \"DEN\": \"Denver\", \"SEA\": \"Seattle\", "
            + "\"ATL\": \"Atlanta\", \"MIA\": \"Miami\", \"BOS\": \"Boston\", \"PHX\": \"Phoenix\", "
            + "\"IAH\": \"Houston\", \"LAS\": \"Las Vegas\", \"MCO\": \"Orlando\", \"EWR\": \"Newark\", "
            + "\"CLT\": \"Charlotte\", \"MSP\": \"Minneapolis\", \"DTW\": \"Detroit\", \"PHL\": \"Philadelphia\", "
            + "\"LGA\": \"LaGuardia\"}";

    @Override
    public String name() {
        return "list_all_airports";
    }

    @Override
    public String pythonClass() {
        return "ListAllAirports";
    }

    @Override
    public List<String> parameters() {
        return List.of();
    }

    @Override
    public String invoke(AirlineState data, Map<String, JsonNode> args) {
        return AIRPORTS;
    }
}
