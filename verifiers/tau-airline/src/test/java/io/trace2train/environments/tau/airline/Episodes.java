package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.env.ToolCall;
import io.trace2train.testing.ExampleData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The 200 GPT-4o airline episodes the repository ships ({@code examples/tau-bench/airline/}). */
final class Episodes {

    static final Path FILE = ExampleData.tauBench("airline/trajectories_gpt4o.jsonl");

    /** One logged tool call with the result the log shows for it. */
    record LoggedCall(ToolCall call, String loggedResult) {
    }

    record Episode(int taskId, int trial, List<LoggedCall> calls, List<String> messagesToUser,
                   List<TauAirlineReward.ExpectedAction> actions, List<String> outputs) {

        List<ToolCall> toolCalls() {
            return calls.stream().map(LoggedCall::call).toList();
        }
    }

    private Episodes() {
    }

    static List<Episode> load() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Episode> episodes = new ArrayList<>();
        for (String line : Files.readAllLines(FILE)) {
            JsonNode row = json.readTree(line);
            List<LoggedCall> calls = new ArrayList<>();
            List<String> told = new ArrayList<>();
            java.util.Map<String, ToolCall> pending = new java.util.HashMap<>();
            for (JsonNode message : row.get("messages")) {
                String role = message.get("role").textValue();
                JsonNode toolCalls = message.get("tool_calls");
                if (role.equals("assistant") && toolCalls != null && !toolCalls.isNull() && !toolCalls.isEmpty()) {
                    for (JsonNode call : toolCalls) {
                        ToolCall toolCall = new ToolCall(call.get("id").textValue(),
                                call.get("function").get("name").textValue(),
                                call.get("function").get("arguments").textValue());
                        pending.put(toolCall.id(), toolCall);
                    }
                } else if (role.equals("assistant")) {
                    told.add(message.get("content").isNull() ? null : message.get("content").textValue());
                } else if (role.equals("tool")) {
                    ToolCall call = pending.remove(message.get("tool_call_id").textValue());
                    calls.add(new LoggedCall(call, message.get("content").textValue()));
                }
            }
            List<TauAirlineReward.ExpectedAction> actions = new ArrayList<>();
            for (JsonNode action : row.get("task").get("actions")) {
                actions.add(new TauAirlineReward.ExpectedAction(action.get("name").textValue(),
                        action.get("kwargs").toString()));
            }
            List<String> outputs = new ArrayList<>();
            row.get("task").get("outputs").forEach(output -> outputs.add(output.textValue()));
            episodes.add(new Episode(row.get("task_id").intValue(), row.get("trial").intValue(), calls, told,
                    actions, outputs));
        }
        return episodes;
    }
}
