package io.trace2train.engine.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.trace2train.api.env.EnvironmentSpec;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.task.UserSpec;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.io.JsonLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the agent fields that task files and agent logs share: {@code tools} (OpenAI function definitions),
 * {@code environment} (a name or {@code {name, options}}) and, for tasks, the {@code user} side. Each problem is added
 * as FILE:LINE: field: message; a field that is wrong reads as absent.
 */
public final class AgentFields {

    private AgentFields() {
    }

    /** The tools of {@code list} (empty when absent or null). */
    public static List<ToolDefinition> tools(JsonNode list, Path file, int line, List<InputProblem> problems) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            problems.add(new InputProblem(file, line, "tools", "expected a list of function definitions"));
            return List.of();
        }
        List<ToolDefinition> tools = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> json = JsonLines.mapper().convertValue(list.get(i), Map.class);
                if (json == null || !list.get(i).isObject()) {
                    throw new IllegalArgumentException("expected a function definition object");
                }
                ToolDefinition tool = ToolDefinition.fromJson(json);
                if (!names.add(tool.name())) {
                    throw new IllegalArgumentException("tool '" + tool.name() + "' is offered twice");
                }
                tools.add(tool);
            } catch (IllegalArgumentException e) {
                problems.add(new InputProblem(file, line, "tools[" + i + "]", e.getMessage()));
            }
        }
        return tools;
    }

    /** The environment {@code node} names (null when absent, null or wrong). */
    public static EnvironmentSpec environment(JsonNode node, Path file, int line, List<InputProblem> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual() && !node.textValue().isBlank()) {
            return EnvironmentSpec.of(node.textValue());
        }
        if (node.isObject() && node.path("name").isTextual() && !node.get("name").textValue().isBlank()) {
            Map<String, String> options = new LinkedHashMap<>();
            JsonNode given = node.path("options");
            if (!given.isMissingNode() && !given.isObject()) {
                problems.add(new InputProblem(file, line, "environment.options", "expected an object of strings"));
                return null;
            }
            for (var option : given.properties()) {
                if (!option.getValue().isValueNode() || option.getValue().isNull()) {
                    problems.add(new InputProblem(file, line, "environment.options." + option.getKey(),
                            "expected a string, number or boolean"));
                    return null;
                }
                options.put(option.getKey(), option.getValue().asText());
            }
            return new EnvironmentSpec(node.get("name").textValue(), options);
        }
        problems.add(new InputProblem(file, line, "environment", "expected a name or {name, options}"));
        return null;
    }

    /**
     * The user side {@code node} describes: {@code {"turns": ["...", ...]}} or {@code {"simulator": {"instruction":
     * "..."}}} (null when absent, null or wrong).
     */
    public static UserSpec user(JsonNode node, Path file, int line, List<InputProblem> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        int before = problems.size();
        if (!node.isObject() || node.has("turns") == node.has("simulator")) {
            problems.add(new InputProblem(file, line, "user",
                    "expected {\"turns\": [\"...\"]} or {\"simulator\": {\"instruction\": \"...\"}}"));
            return null;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!name.equals("turns") && !name.equals("simulator")) {
                problems.add(new InputProblem(file, line, "user." + name, "unknown field; a user side has turns or"
                        + " simulator"));
            }
        });
        if (node.has("turns")) {
            JsonNode turns = node.get("turns");
            if (!turns.isArray() || turns.isEmpty()) {
                problems.add(new InputProblem(file, line, "user.turns", "expected a non-empty list of strings"));
                return null;
            }
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < turns.size(); i++) {
                if (turns.get(i).isTextual()) {
                    texts.add(turns.get(i).textValue());
                } else {
                    problems.add(new InputProblem(file, line, "user.turns[" + i + "]", "expected a string"));
                }
            }
            return problems.size() > before ? null : UserSpec.scripted(texts);
        }
        JsonNode simulator = node.get("simulator");
        if (!simulator.isObject()) {
            problems.add(new InputProblem(file, line, "user.simulator", "expected {\"instruction\": \"...\"}"));
            return null;
        }
        simulator.fieldNames().forEachRemaining(name -> {
            if (!name.equals("instruction")) {
                problems.add(new InputProblem(file, line, "user.simulator." + name,
                        "unknown field; a simulator has instruction"));
            }
        });
        JsonNode instruction = simulator.get("instruction");
        if (instruction == null || !instruction.isTextual() || instruction.textValue().isBlank()) {
            problems.add(new InputProblem(file, line, "user.simulator.instruction", "expected a non-blank string"));
        }
        return problems.size() > before ? null : UserSpec.simulated(instruction.textValue());
    }
}
