package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.trace2train.api.env.Environment;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.env.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * τ-bench's airline domain ({@code MockAirlineDomainEnv}): its 14 tools over its database, answering every call
 * with the text τ-bench's {@code Env.step} produces, character for character. The database is shared and
 * read-only; this environment holds only the records it changed, so {@link #copy()} and {@link #reset()} are cheap.
 */
public final class TauAirlineEnvironment implements Environment {

    private static final List<AirlineTool> ALL_TOOLS = List.of(new BookReservation(), new Calculate(),
            new CancelReservation(), new GetReservationDetails(), new GetUserDetails(), new ListAllAirports(),
            new SearchDirectFlight(), new SearchOnestopFlight(), new SendCertificate(), new Think(),
            new TransferToHumanAgents(), new UpdateReservationBaggages(), new UpdateReservationFlights(),
            new UpdateReservationPassengers());
    private static final Map<String, AirlineTool> TOOLS = index(ALL_TOOLS);
    private static final ObjectReader ARGUMENTS = AirlineDatabase.JSON.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final AirlineState state;

    TauAirlineEnvironment(AirlineState state) {
        this.state = state;
    }

    /**
     * What the environments of this JVM copied so far, for bounded-work checks and benchmarks: the database is read
     * whole once and shared; each environment (fresh or a fork) deep-copies only the records it changes.
     *
     * @param databaseLoads whole databases read from the shipped files (the only whole copies: 1 once any was used)
     * @param databaseRecords records in one whole database (flights, reservations and users)
     * @param environments environments made (fresh ones and forks)
     * @param recordsCopied records deep-copied by all of them (on a first write, or by a fork)
     */
    public record Copies(int databaseLoads, int databaseRecords, long environments, long recordsCopied) {
    }

    /** What the environments of this JVM copied so far. */
    public static Copies copies() {
        return AirlineState.copies();
    }

    /** A fresh environment on the shipped database. */
    public static TauAirlineEnvironment create() {
        return new TauAirlineEnvironment(new AirlineState(AirlineDatabase.shipped()));
    }

    private static Map<String, AirlineTool> index(List<AirlineTool> tools) {
        Map<String, AirlineTool> byName = new LinkedHashMap<>();
        tools.forEach(tool -> byName.put(tool.name(), tool));
        return byName;
    }

    @Override
    public List<ToolDefinition> tools() {
        return ToolDefinitions.ALL;
    }

    @Override
    public ToolResult execute(ToolCall call) {
        AirlineTool tool = TOOLS.get(call.name());
        if (tool == null) {
            return ToolResult.failed("Unknown action " + call.name());
        }
        JsonNode kwargs;
        try {
            kwargs = call.arguments().isBlank() ? null : ARGUMENTS.readTree(call.arguments());
        } catch (JsonProcessingException e) {
            kwargs = null;
        }
        if (kwargs == null || kwargs.isMissingNode()) {
            // τ-bench's agent would crash on json.loads; answer as a tool runtime would
            return ToolResult.failed("Error: the arguments of " + call.name() + " are not JSON: " + call.arguments());
        }
        String observation;
        try {
            observation = tool.invoke(state, ToolBinding.bind(tool, kwargs));
        } catch (PyError e) {
            observation = "Error: " + e.getMessage();
        }
        if (observation == null) {
            return ToolResult.ok(""); // Python's None: send_certificate when all three certificate ids are taken
        }
        return observation.startsWith("Error: ") ? ToolResult.failed(observation) : ToolResult.ok(observation);
    }

    @Override
    public TauAirlineEnvironment copy() {
        return new TauAirlineEnvironment(state.copy());
    }

    @Override
    public void reset() {
        state.reset();
    }

    @Override
    public String stateDigest() {
        return state.digest();
    }

    /** τ-bench's own {@code get_data_hash()} of the current state (a full pass over the database). */
    public String tauBenchDataHash() {
        return state.tauBenchHash();
    }

    /** The agent policy τ-bench gives the agent as its system prompt ({@code wiki.md}). */
    public static String policy() {
        return Policy.TEXT;
    }

    AirlineState state() {
        return state;
    }

    static List<String> toolNames() {
        return new ArrayList<>(TOOLS.keySet());
    }

    private static final class Policy {
        static final String TEXT = AirlineDatabase.readText("wiki.md");
    }

    private static final class ToolDefinitions {
        static final List<ToolDefinition> ALL = load();

        private static List<ToolDefinition> load() {
            List<ToolDefinition> out = new ArrayList<>();
            for (JsonNode tool : AirlineDatabase.readResource("tools.json")) {
                out.add(ToolDefinition.fromJson(AirlineDatabase.JSON.convertValue(tool,
                        new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>>() { })));
            }
            return List.copyOf(out);
        }
    }
}
