package io.trace2train.engine.run;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.backend.GenerationSettings;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Where the forks of one agent task branch: after the episode's first {@code steps} agent model calls. The prefix is
 * computed once, by the first fork that needs it (the others wait for it), and shared. Only the task's units hold
 * their branch point, so the prefix is released with them once the task's forks are done; a resumed run makes new
 * units and computes it again (deterministically: the run seed at the run's temperature). A computation that fails
 * or is cancelled leaves nothing behind: the next fork computes it.
 */
public final class BranchPoint {

    private final int steps;
    private final GenerationSettings generation;
    private final ReentrantLock lock = new ReentrantLock();
    private @Nullable Object prefix;

    /**
     * @param generation the settings the prefix is computed with: the run's (its seed, its temperature)
     */
    public BranchPoint(int steps, GenerationSettings generation) {
        if (steps < 1) {
            throw new IllegalArgumentException("a branch point is after step 1 or later, got " + steps);
        }
        this.steps = steps;
        this.generation = requireNonNull(generation, "generation");
    }

    /** The agent model calls of the shared prefix. */
    public int steps() {
        return steps;
    }

    /** The settings the prefix is computed with. */
    public GenerationSettings generation() {
        return generation;
    }

    /**
     * The prefix, computed by {@code compute} on the first call; a later call waits while another computes it.
     *
     * @throws Cancellation.CancelledException when the unit waiting is cancelled
     */
    public <T> T prefix(Class<T> type, Supplier<T> compute, Cancellation cancellation) {
        requireNonNull(compute, "compute");
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            // a cancel interrupts the worker: the cancel is the reason
            cancellation.check();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while another fork computed the shared prefix", e);
        }
        try {
            if (prefix == null) {
                prefix = requireNonNull(compute.get(), "prefix");
            }
            return type.cast(prefix);
        } finally {
            lock.unlock();
        }
    }
}
