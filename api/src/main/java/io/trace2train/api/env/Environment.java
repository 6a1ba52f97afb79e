package io.trace2train.api.env;

import java.util.List;

/**
 * A world that an agent's tools read and change (a database, a file system, a shop). One episode, or one fork of an
 * episode, owns one instance: implementations need not be thread-safe, and a fork gets its own {@link #copy()}.
 */
public interface Environment {

    /** The tools it offers, in a stable order. */
    List<ToolDefinition> tools();

    /**
     * Executes one call against the current state. Never throws for the agent's mistakes: an unknown tool, arguments
     * that are not JSON or break the tool's rules all come back as a {@linkplain ToolResult#error() failed} result
     * whose text says why, as a real tool runtime would answer.
     */
    ToolResult execute(ToolCall call);

    /** An independent copy of the current state: calls on either never show in the other. */
    Environment copy();

    /** Back to the initial state. */
    void reset();

    /** A canonical digest of the current state (hex): equal states give equal digests, whatever the history. */
    String stateDigest();
}
