package io.trace2train.api.env;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment a task runs in: which one, with what options.
 *
 * @param name the {@link EnvironmentFactory#name()}, e.g. {@code "tau-airline"}
 * @param options its options by name (sorted, so equal specs hash equally)
 */
public record EnvironmentSpec(String name, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> options) {

    public EnvironmentSpec {
        requireNonNull(name, "name");
        options = Collections.unmodifiableMap(new TreeMap<>(options == null ? Map.of() : options));
    }

    public static EnvironmentSpec of(String name) {
        return new EnvironmentSpec(name, Map.of());
    }
}
