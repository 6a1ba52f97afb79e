package io.trace2train.verifiers.agent;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.param.VerifierArguments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A call a constraint names: a tool and its arguments ({@code {"name": ..., "arguments": {...}}} in the constraint).
 *
 * @param name the tool
 * @param arguments the arguments, a JSON object (empty when the constraint gives none)
 */
record ExpectedCall(String name, ObjectNode arguments) {

    private static final Set<String> FIELDS = Set.of("name", "arguments");

    ExpectedCall {
        requireNonNull(name, "name");
        requireNonNull(arguments, "arguments");
    }

    /**
     * Reads the list argument {@code field}, collecting every wrong entry.
     *
     * @throws InvalidArgumentsException naming each wrong entry as {@code field[i].key}
     */
    static List<ExpectedCall> list(VerifierArguments arguments, String field) {
        List<ExpectedCall> calls = new ArrayList<>();
        List<InvalidArgumentsException.Problem> problems = new ArrayList<>();
        List<Map<String, Object>> given = arguments.objectList(field);
        for (int i = 0; i < given.size(); i++) {
            String at = field + "[" + i + "]";
            Map<String, Object> entry = given.get(i);
            for (String key : entry.keySet()) {
                if (!FIELDS.contains(key)) {
                    problems.add(new InvalidArgumentsException.Problem(arguments.instructionId(), at + "." + key,
                            "unknown field; a call has \"name\" and \"arguments\""));
                }
            }
            Object name = entry.get("name");
            if (!(name instanceof String text) || text.isBlank()) {
                problems.add(new InvalidArgumentsException.Problem(arguments.instructionId(), at + ".name",
                        "expected a tool name but got " + (name == null ? "nothing" : name)));
                continue;
            }
            Object values = entry.get("arguments");
            if (values != null && !(values instanceof Map<?, ?>)) {
                problems.add(new InvalidArgumentsException.Problem(arguments.instructionId(), at + ".arguments",
                        "expected an object but got " + values));
                continue;
            }
            calls.add(new ExpectedCall(text, values == null ? CallArguments.JSON.createObjectNode()
                    : (ObjectNode) CallArguments.tree(values)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidArgumentsException(problems);
        }
        return List.copyOf(calls);
    }

    /** This call as an agent would make it, for replaying on an environment. */
    ToolCall toolCall(String id) {
        return new ToolCall(id, name, arguments.toString());
    }

    /** {@code name({...})}, for hints. */
    @Override
    public String toString() {
        return name + "(" + arguments + ")";
    }
}
