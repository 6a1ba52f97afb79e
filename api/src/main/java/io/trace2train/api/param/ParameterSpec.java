package io.trace2train.api.param;

import static java.util.Objects.requireNonNull;

/**
 * One declared argument of a verifier.
 *
 * @param name the key in the arguments object
 * @param type the accepted JSON type
 * @param required whether a missing (or null) value is an error
 * @param description what the value means, for listings and error messages
 */
public record ParameterSpec(String name, ParameterType type, boolean required, String description) {

    public ParameterSpec {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(description, "description");
    }

    public static ParameterSpec required(String name, ParameterType type, String description) {
        return new ParameterSpec(name, type, true, description);
    }

    public static ParameterSpec optional(String name, ParameterType type, String description) {
        return new ParameterSpec(name, type, false, description);
    }
}
