package io.trace2train.engine.run;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.backend.ForkSampling;
import io.trace2train.api.backend.Generation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The first generations of one task's forks in a rollout (an agent task's: their first calls after the shared
 * prefix, the same conversation for every fork), made together: the first fork that needs its own asks the
 * backend, in one {@link io.trace2train.api.backend.ModelBackend#generateForks generateForks} call, for those of
 * every fork of the task still waiting, so a local model computes the prompt once. Each fork then takes its own; the
 * batch holds the others only until their forks take them, and only the task's units hold the batch. The call runs
 * on the asking fork's worker while the task's other forks wait for it, so a batch occupies one worker's worth of
 * model time, never more threads than the run's concurrency.
 *
 * <p>A fork whose call fails or is cancelled leaves the batch: its unit ends with that error. A failed batch call
 * (the asking fork's timeout included) is not asked again for the others: each remaining fork then generates alone,
 * so a batch that does not fit a unit's deadline costs one fork, not every fork in turn.
 */
public final class ForkBatch {

    private final ReentrantLock lock = new ReentrantLock();
    /** The forks without a generation yet, by fork index, in fork order. */
    private final Map<Integer, ForkSampling> waiting;
    /** Generations made and not yet taken by their forks. */
    private final Map<Integer, Generation> ready = new HashMap<>();
    private boolean failed;

    /**
     * @param forks the forks of the task still to run (a resume leaves out those with a record), by fork index
     */
    public ForkBatch(Map<Integer, ForkSampling> forks) {
        this.waiting = new LinkedHashMap<>(requireNonNull(forks, "forks"));
    }

    /** The forks waiting for a generation, in fork order. */
    public List<Integer> waiting() {
        lock.lock();
        try {
            return List.copyOf(waiting.keySet());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fork {@code fork}'s first generation: the one already made for it, or made now with those of every fork still
     * waiting by {@code generate} (one generation per sampling, in order). A fork not in the batch, one whose sampling
     * is not the one the batch holds for it, or one asking after a batch call failed, is generated alone.
     *
     * @param own the fork's own sampling, the one its generation is made with
     * @throws Cancellation.CancelledException when the fork is cancelled while another fork's call runs
     */
    public Generation first(int fork, ForkSampling own, Function<List<ForkSampling>, List<Generation>> generate,
            Cancellation cancellation) {
        requireNonNull(own, "own");
        requireNonNull(generate, "generate");
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            // a cancel interrupts the worker: the cancel is the reason
            cancellation.check();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while another fork generated the task's first answers", e);
        }
        try {
            Generation made = ready.remove(fork);
            if (made != null) {
                return made;
            }
            // a fork whose own sampling is not the one the batch holds for it is made as it asks: its record is true
            if (failed || !own.equals(waiting.get(fork))) {
                waiting.remove(fork);
                return generate.apply(List.of(own)).getFirst();
            }
            return generateWaiting(fork, generate);
        } finally {
            lock.unlock();
        }
    }

    private Generation generateWaiting(int fork, Function<List<ForkSampling>, List<Generation>> generate) {
        List<Integer> forks = new ArrayList<>(waiting.keySet());
        List<Generation> made;
        try {
            made = generate.apply(List.copyOf(waiting.values()));
        } catch (RuntimeException | Error e) {
            failed = true;
            waiting.remove(fork);
            throw e;
        }
        if (made.size() != forks.size()) {
            failed = true;
            waiting.remove(fork);
            throw new IllegalStateException("the backend gave " + made.size() + " generations for " + forks.size()
                    + " forks");
        }
        waiting.clear();
        for (int i = 0; i < forks.size(); i++) {
            if (forks.get(i) != fork) {
                ready.put(forks.get(i), made.get(i));
            }
        }
        return made.get(forks.indexOf(fork));
    }
}
