package io.trace2train.api.backend;

import static java.util.Objects.requireNonNull;

/**
 * Which model produced an output.
 *
 * @param backend the backend plugin's name, e.g. {@code "jlama"} or {@code "replay"}
 * @param name the model's name, e.g. {@code "Qwen/Qwen2.5-0.5B-Instruct"}, or the replayed file
 * @param revision a revision or a digest of the weights (or of the replayed file), so the model is pinned
 */
public record ModelInfo(String backend, String name, String revision) {

    public ModelInfo {
        requireNonNull(backend, "backend");
        requireNonNull(name, "name");
        requireNonNull(revision, "revision");
        // an endpoint's URL may carry credentials; records and manifests must not
        name = io.trace2train.api.text.Secrets.mask(name);
        revision = io.trace2train.api.text.Secrets.mask(revision);
    }
}
