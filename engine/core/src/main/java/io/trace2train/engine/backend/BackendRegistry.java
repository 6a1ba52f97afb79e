package io.trace2train.engine.backend;

import io.trace2train.api.backend.BackendFactory;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.verify.InvalidArgumentsException;
import io.trace2train.api.verify.ParameterSpec;
import io.trace2train.engine.config.Suggestions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Every model backend the loaded plugins provide, by name. */
@Singleton
public final class BackendRegistry {

    private final SortedMap<String, BackendFactory> factories;

    @Inject
    public BackendRegistry(Map<String, BackendFactory> factories) {
        this.factories = new TreeMap<>(factories);
    }

    /**
     * Creates the backend {@code name} from string options, rejecting unknown options (with the closest names) and
     * missing required ones, all at once.
     *
     * @throws IllegalArgumentException when no plugin provides {@code name}
     * @throws InvalidArgumentsException naming each wrong option
     */
    public ModelBackend create(String name, Map<String, String> options) {
        BackendFactory factory = factories.get(name);
        if (factory == null) {
            List<String> close = Suggestions.closest(name, factories.keySet(), 3);
            throw new IllegalArgumentException("unknown backend '" + name + "'"
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?")
                    + " (known: " + factories.keySet() + ")");
        }
        List<InvalidArgumentsException.Problem> problems = new ArrayList<>();
        List<String> known = factory.options().stream().map(ParameterSpec::name).toList();
        options.keySet().stream().filter(key -> !known.contains(key)).forEach(key -> {
            List<String> close = Suggestions.closest(key, known, 3);
            problems.add(new InvalidArgumentsException.Problem("backend " + name, key, "unknown option"
                    + (close.isEmpty() ? "; known: " + known : "; did you mean " + close + "?")));
        });
        factory.options().stream().filter(o -> o.required() && !options.containsKey(o.name())).forEach(o ->
                problems.add(new InvalidArgumentsException.Problem("backend " + name, o.name(),
                        "missing (" + o.description() + ")")));
        if (!problems.isEmpty()) {
            throw new InvalidArgumentsException(problems);
        }
        return factory.create(options);
    }

    public SortedMap<String, BackendFactory> all() {
        return Collections.unmodifiableSortedMap(factories);
    }
}
