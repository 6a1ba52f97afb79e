package io.trace2train.verifiers.agent;

import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.task.Episode;
import java.util.List;

/** Tool names, as episodes offer them and as constraints list them. */
final class Tools {

    private Tools() {
    }

    /** The offered tools' names, for measured and hint texts. */
    static String names(Episode episode) {
        return episode.tools().stream().map(ToolDefinition::name).toList().toString();
    }

    /**
     * The string list argument {@code field} as tool names.
     *
     * @throws InvalidArgumentsException when a name is blank
     */
    static List<String> list(VerifierArguments arguments, String field) {
        List<String> names = arguments.stringList(field);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isBlank()) {
                throw arguments.invalid(field, "entry " + i + " is blank; expected a tool name");
            }
        }
        return List.copyOf(names);
    }
}
