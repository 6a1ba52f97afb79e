package io.trace2train.api.backend;

import static java.util.Objects.requireNonNull;

/**
 * A backend in front of another that answers for the same model: what it names and whether it can generate (and share
 * a prompt among forks) come from the one behind it; a subclass adds to its calls (retries, timing), to
 * {@link #generateForks} as to {@link #generate}, so forks keep sharing their prompt. Closing it does not close the
 * one behind. For plugins and embedders that wrap a backend.
 */
public abstract class ForwardingBackend implements ModelBackend {

    protected final ModelBackend backend;

    protected ForwardingBackend(ModelBackend backend) {
        this.backend = requireNonNull(backend, "backend");
    }

    @Override
    public ModelInfo model() {
        return backend.model();
    }

    @Override
    public boolean canGenerate() {
        return backend.canGenerate();
    }

    @Override
    public boolean supportsTools() {
        return backend.supportsTools();
    }

    @Override
    public boolean forksSharePrompt() {
        return backend.forksSharePrompt();
    }

    @Override
    public void preflight() {
        backend.preflight();
    }
}
