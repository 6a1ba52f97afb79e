package io.trace2train.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.engine.Scored;
import io.trace2train.engine.Scoring;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Judges items on a fixed pool of platform threads (the checks are pure CPU work, so more threads than cores only
 * queue), each item under a deadline that starts when its checks start. Java cannot stop a thread that ignores
 * interruption, so an item past its deadline is answered as timed out and its thread interrupted and left; the
 * built-in checks stop themselves within their own work budget.
 */
final class ItemJudge implements AutoCloseable {

    /** One item to judge. */
    sealed interface Item {

        /**
         * @param reward the request's reward function; null where it names none (each kind has its default)
         */
        Scored score(Scoring scoring, @Nullable RewardFunction reward);
    }

    /**
     * A completion and its task row; scored by its own reward function where it names one, else by the request's,
     * else by {@code constraint_share}.
     */
    record Completion(ObjectNode row, String completion, @Nullable RewardFunction own) implements Item {

        Completion(ObjectNode row, String completion) {
            this(row, completion, null);
        }

        @Override
        public Scored score(Scoring scoring, @Nullable RewardFunction reward) {
            return scoring.score(row, completion, own != null ? own : reward != null ? reward
                    : scoring.defaultReward());
        }
    }

    /** An agent episode with its task row and/or constraints (either may be null), judged as {@code import} does. */
    record EpisodeItem(ObjectNode episode, @Nullable ObjectNode task, @Nullable JsonNode constraints)
            implements Item {

        @Override
        public Scored score(Scoring scoring, @Nullable RewardFunction reward) {
            return scoring.scoreEpisode(episode, task, constraints, reward);
        }
    }

    private final Scoring scoring;
    private final Duration timeout;
    private final ExecutorService workers;
    private final ScheduledExecutorService watchdog;

    ItemJudge(Scoring scoring, int threads, Duration timeout) {
        this.scoring = scoring;
        this.timeout = timeout;
        this.workers = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("judge-", 0).daemon()
                .factory());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("judge-watchdog")
                .daemon().factory());
    }

    /** Every item's result, in the items' order. */
    List<Scored> judge(List<Item> items, @Nullable RewardFunction reward) throws InterruptedException {
        return judge(items, reward, (position, scored) -> scored);
    }

    /**
     * Every item's result passed through {@code then} on the thread that judged it (or the watchdog's, for an item
     * timed out), in the items' order: what follows a check (writing its answer) runs in parallel too, not after the
     * whole batch on the request's thread.
     *
     * @param then the item's position in {@code items} and its result, to what the caller keeps
     */
    <T> List<T> judge(List<Item> items, @Nullable RewardFunction reward, BiFunction<Integer, Scored, T> then)
            throws InterruptedException {
        List<CompletableFuture<T>> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Slot<T> slot = new Slot<>(items.get(i), reward, i, then);
            results.add(slot.result);
            workers.execute(slot::run);
        }
        List<T> done = new ArrayList<>(items.size());
        for (CompletableFuture<T> result : results) {
            try {
                done.add(result.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("an item's judging failed", e.getCause());
            }
        }
        return done;
    }

    /** One item: ended by its result or by the watchdog, whichever comes first. */
    private final class Slot<T> {

        private final Item item;
        private final RewardFunction reward;
        private final int position;
        private final BiFunction<Integer, Scored, T> then;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile Thread thread;

        Slot(Item item, @Nullable RewardFunction reward, int position, BiFunction<Integer, Scored, T> then) {
            this.item = item;
            this.reward = reward;
            this.position = position;
            this.then = then;
        }

        void run() {
            thread = Thread.currentThread();
            var deadline = watchdog.schedule(this::abandon, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                Scored scored = item.score(scoring, reward);
                if (settled.compareAndSet(false, true)) {
                    try {
                        result.complete(then.apply(position, scored));
                    } catch (Throwable e) {
                        // settled: the catch below would leave the result pending and the request waiting
                        result.completeExceptionally(e);
                    }
                }
            } catch (Throwable e) {
                if (settled.compareAndSet(false, true)) {
                    result.completeExceptionally(e);
                }
            } finally {
                deadline.cancel(false);
                thread = null;
                // an interrupt aimed at this item must not reach the next one on this thread
                Thread.interrupted();
            }
        }

        void abandon() {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            Thread running = thread;
            if (running != null) {
                running.interrupt();
            }
            try {
                result.complete(then.apply(position, Scored.failed(null, Scored.Failure.TIMED_OUT,
                        "the item's checks did not end within " + timeout.toMillis()
                                + " ms; abandoned (the rest of the batch is answered)")));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }
    }

    /** Stops taking items once those queued are done (within {@code grace}). */
    @Override
    public void close() {
        workers.shutdown();
        try {
            workers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        watchdog.shutdownNow();
    }
}
