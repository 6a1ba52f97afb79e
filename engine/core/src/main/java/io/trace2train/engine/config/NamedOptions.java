package io.trace2train.engine.config;

import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.param.ParameterSpec;
import io.trace2train.engine.io.BadInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Checks string options against what a plugin declares: every unknown one (with the closest names) and every missing one, at once. */
public final class NamedOptions {

    private NamedOptions() {
    }

    /**
     * @param owner who takes the options, for messages, e.g. {@code "backend jlama"}
     * @throws InvalidArgumentsException naming each wrong option
     */
    public static void check(String owner, List<ParameterSpec> specs, Map<String, String> options) {
        List<InvalidArgumentsException.Problem> problems = new ArrayList<>();
        List<String> known = specs.stream().map(ParameterSpec::name).toList();
        options.keySet().stream().filter(key -> !known.contains(key)).forEach(key -> {
            List<String> close = Suggestions.closest(key, known, 3);
            problems.add(new InvalidArgumentsException.Problem(owner, key, "unknown option"
                    + (close.isEmpty() ? "; known: " + known : "; did you mean " + close + "?")));
        });
        specs.stream().filter(o -> o.required() && !options.containsKey(o.name())).forEach(o ->
                problems.add(new InvalidArgumentsException.Problem(owner, o.name(), "missing (" + o.description()
                        + ")")));
        if (!problems.isEmpty()) {
            throw new InvalidArgumentsException(problems);
        }
    }

    /** "unknown NOUN 'x'; did you mean y? (known: [...])" for a name no plugin provides. */
    public static BadInputException unknown(String noun, String name, Collection<String> known) {
        List<String> close = Suggestions.closest(name, known, 3);
        return new BadInputException("unknown " + noun + " '" + name + "'"
                + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?")
                + " (known: " + known + ")");
    }
}
