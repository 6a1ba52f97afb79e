package io.trace2train.engine.io;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a step on a pool while keeping the order: the caller submits items one by one, and receives the results on its
 * own thread in the order it submitted them. At most {@code maxInFlight} items are queued or running, so memory stays
 * bounded however long the stream. Not thread-safe: one caller.
 *
 * @param <I> what is submitted
 * @param <O> what the step makes of it
 */
public final class OrderedPipeline<I, O> {

    private final ExecutorService pool;
    private final int maxInFlight;
    private final Function<I, O> step;
    private final Consumer<O> results;
    private final Deque<Future<O>> inFlight = new ArrayDeque<>();

    public OrderedPipeline(ExecutorService pool, int maxInFlight, Function<I, O> step, Consumer<O> results) {
        this.pool = pool;
        this.maxInFlight = maxInFlight;
        this.step = step;
        this.results = results;
    }

    public void submit(I item) {
        while (inFlight.size() >= maxInFlight) {
            deliver(inFlight.poll());
        }
        inFlight.add(pool.submit(() -> step.apply(item)));
    }

    /** Delivers every result still pending. */
    public void drain() {
        while (!inFlight.isEmpty()) {
            deliver(inFlight.poll());
        }
    }

    private void deliver(Future<O> future) {
        O result;
        try {
            result = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a pipeline step", e);
        } catch (ExecutionException e) {
            // the step's own exception, as if it had run on this thread
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
        results.accept(result);
    }
}
