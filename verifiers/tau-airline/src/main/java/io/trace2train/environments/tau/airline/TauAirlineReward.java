package io.trace2train.environments.tau.airline;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.env.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * τ-bench's reward for one airline episode ({@code Env.calculate_reward}): replay the agent's calls on a fresh
 * database and the task's expected actions (all but {@code transfer_to_human_agents}, τ-bench's terminating tool)
 * on another; 1 if both databases are equal and each expected output occurs, case-insensitively, in some message the
 * agent sent the user with its commas removed; else 0.
 */
public final class TauAirlineReward {

    /** The name τ-bench gives a message to the user in a task's actions. */
    public static final String RESPOND = "respond";

    private TauAirlineReward() {
    }

    /**
     * One expected action of a task.
     *
     * @param name the tool (or {@value #RESPOND})
     * @param kwargs its arguments as a JSON object text
     */
    public record ExpectedAction(String name, String kwargs) {

        public ExpectedAction {
            requireNonNull(name, "name");
            requireNonNull(kwargs, "kwargs");
        }
    }

    /**
     * The reward and why.
     *
     * @param reward 1.0 or 0.0
     * @param databaseMatches whether the agent's database equals the expected one
     * @param agentDigest the digest of the database the agent's calls left
     * @param expectedDigest the digest of the database the expected actions leave
     * @param outputs each expected output, whether it was told to the user (in the task's order)
     * @param reasons why the reward is 0, one line each; empty when it is 1
     */
    public record Outcome(double reward, boolean databaseMatches, String agentDigest, String expectedDigest,
                          Map<String, Boolean> outputs, List<String> reasons) {

        public Outcome {
            requireNonNull(agentDigest, "agentDigest");
            requireNonNull(expectedDigest, "expectedDigest");
            outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * Scores one episode.
     *
     * @param agentCalls the agent's tool calls, in order
     * @param messagesToUser the contents of the agent's messages to the user (assistant messages without tool calls)
     * @param expectedActions the task's {@code actions}
     * @param expectedOutputs the task's {@code outputs}
     */
    public static Outcome score(List<ToolCall> agentCalls, List<String> messagesToUser,
                                List<ExpectedAction> expectedActions, List<String> expectedOutputs) {
        TauAirlineEnvironment agent = TauAirlineEnvironment.create();
        agentCalls.forEach(agent::execute);
        return score(agent.stateDigest(), messagesToUser, expectedActions, expectedOutputs);
    }

    /** Scores one episode whose agent database is already known by its {@link TauAirlineEnvironment#stateDigest()}. */
    public static Outcome score(String agentDigest, List<String> messagesToUser,
                                List<ExpectedAction> expectedActions, List<String> expectedOutputs) {
        TauAirlineEnvironment expected = TauAirlineEnvironment.create();
        List<String> told = new ArrayList<>(messagesToUser);
        int index = 0;
        for (ExpectedAction action : expectedActions) {
            if (action.name().equals(TransferToHumanAgents.NAME)) {
                continue;
            }
            if (action.name().equals(RESPOND)) {
                // τ-bench's replay appends these to the episode's actions, where the output check finds them
                told.add(respondContent(action));
                continue;
            }
            expected.execute(new ToolCall("expected-" + index++, action.name(), action.kwargs()));
        }
        String expectedDigest = expected.stateDigest();
        List<String> reasons = new ArrayList<>();
        boolean databaseMatches = expectedDigest.equals(agentDigest);
        if (!databaseMatches) {
            reasons.add("the database differs from the one the task's expected actions produce");
        }
        Map<String, Boolean> outputs = new LinkedHashMap<>();
        for (String output : expectedOutputs) {
            boolean found = told(output, told);
            outputs.put(output, found);
            if (!found) {
                reasons.add("output \"" + output + "\" was not told to the user");
            }
        }
        return new Outcome(reasons.isEmpty() ? 1.0 : 0.0, databaseMatches, agentDigest, expectedDigest, outputs,
                reasons);
    }

    /** τ-bench's rule: {@code output.lower() in content.lower().replace(",", "")} for some message. */
    static boolean told(String output, List<String> messages) {
        String wanted = output.toLowerCase(Locale.ROOT);
        for (String message : messages) {
            if (message != null && message.toLowerCase(Locale.ROOT).replace(",", "").contains(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String respondContent(ExpectedAction action) {
        try {
            com.fasterxml.jackson.databind.JsonNode content = AirlineDatabase.JSON.readTree(action.kwargs())
                    .get("content");
            return content == null || !content.isTextual() ? null : content.textValue();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("expected action respond: kwargs are not JSON: " + action.kwargs(),
                    e);
        }
    }
}
