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

    /**
     * Generates as {@link #generate(GenerationRequest)} does, telling {@code listener} as each token is produced. A
     * backend that cannot tell (a remote endpoint without streaming, recorded answers) tells nothing: the default.
     */
    default Generation generate(GenerationRequest request, TokenListener listener) {
        return generate(request);
    }

    /**
     * Several samples of one conversation, one per fork, each with its own seed and temperature (the forks of a
     * rollout); top-p, stop sequences and max new tokens are the request's. The default generates them one by one; a
     * backend that can keep the computed prompt state (a local model's key-value cache) overrides this so the prompt
     * is paid for once. Each fork's text is the one {@link #generate} gives with that fork's seed and temperature, and
     * its latency is its own share of the call (a backend that shares the prompt's computation counts it in the
     * first fork's).
     *
     * @return one generation per fork, in the order of {@code forks}
     */
    default java.util.List<Generation> generateForks(GenerationRequest request, java.util.List<ForkSampling> forks) {
        return forks.stream().map(fork -> generate(request.withFork(fork))).toList();
    }

    /**
     * Whether {@link #generateForks} computes the prompt once for all forks (a local model keeping its key-value
     * cache), so that forks of one conversation cost less asked together than one by one: a rollout then asks for its
     * forks' first answers together. False by default, where forks are generated one by one and a rollout runs them
     * concurrently instead.
     */
    default boolean forksSharePrompt() {
        return false;
    }

    /**
     * Whether this backend can offer tools to its model and return the model's tool calls (an OpenAI-compatible
     * endpoint can; a local model can where its chat template renders tools; recorded answers replay the calls they
     * hold). The engine refuses to start an agent run on a backend without it, before any call. False by default.
     */
    default boolean supportsTools() {
        return false;
    }

    /**
     * Checks what would make every call fail (a model without a chat template, an endpoint that cannot be reached or
     * refuses the credentials) before a run starts, so it stops at once with the fix instead of writing one error
     * record per unit. Cheap: at most one small request. The default checks nothing.
     *
     * @throws io.trace2train.api.param.InvalidArgumentsException naming the option to fix
     */
    default void preflight() {
    }

    @Override
    default void close() {
    }
}
