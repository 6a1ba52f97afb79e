package io.trace2train.api.backend;

/**
 * A source of generations: a local model, a remote endpoint, or recorded answers. Thread-safe: tasks run concurrently.
 */
public interface ModelBackend extends AutoCloseable {

    /** The model behind this backend, as records name it. */
    ModelInfo model();

    /**
     * Whether this backend can produce new text for a conversation it has not seen (a model can; recorded answers
     * cannot). Strategies that need new text are skipped, and the record says so, where this is false.
     */
    boolean canGenerate();

    /**
     * Generates the next assistant message.
     *
     * @throws BackendException when the call fails, saying whether a retry may help
     */
    Generation generate(GenerationRequest request);

    @Override
    default void close() {
    }
}
