package io.trace2train.api.backend;

import io.trace2train.api.param.ParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creates a {@link ModelBackend} of one kind from its options (e.g. {@code responses}, {@code model-dir}). */
public interface BackendFactory {

    /** The name users pick it by ({@code --backend NAME}), e.g. {@code "replay"}. */
    String name();

    /** The options it takes; the engine rejects any other, with the closest known names. */
    List<ParameterSpec> options();

    /**
     * Creates the backend.
     *
     * @param options the given options, by name, already checked against {@link #options()}
     * @throws io.trace2train.api.param.InvalidArgumentsException when a value is wrong (a missing file, say)
     */
    ModelBackend create(Map<String, String> options);

    /** What writes quantised copies of this backend's models, where it has one; none by default. */
    default Optional<ModelQuantizer> quantizer() {
        return Optional.empty();
    }
}
