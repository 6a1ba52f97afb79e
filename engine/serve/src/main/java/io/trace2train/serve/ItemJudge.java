package io.trace2train.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.engine.Scored;
import io.trace2train.engine.Scoring;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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

    /** Chunks queued per worker thread for one batch: several, so one slow item does not leave the others idle. */
    private static final int CHUNKS_PER_THREAD = 4;

    private final Scoring scoring;
    private final Duration timeout;
    private final int threads;
    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor watchdog;

    ItemJudge(Scoring scoring, int threads, Duration timeout) {
        this.scoring = scoring;
        this.timeout = timeout;
        this.threads = threads;
        this.workers = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("judge-", 0).daemon()
                .factory());
        this.watchdog = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("judge-watchdog").daemon()
                .factory());
        // one deadline per batch, nearly always cancelled: removed at once, not kept for the whole timeout
        watchdog.setRemoveOnCancelPolicy(true);
    }

    /** Every item's result, in the items' order; the deadline starts now. */
    List<Scored> judge(List<Item> items, @Nullable RewardFunction reward) throws InterruptedException {
        return judge(items, reward, (position, scored) -> scored, System.nanoTime());
    }

    /**
     * Every item's result passed through {@code then} on the thread that judged it (or the watchdog's, for an item
     * timed out), in the items' order: what follows a check (writing its answer) runs in parallel too, not after the
     * whole batch on the request's thread. The items go to the pool in a few chunks, not one task each.
     *
     * @param then the item's position in {@code items} and its result, to what the caller keeps
     * @param acceptedNanos when the batch was accepted ({@link System#nanoTime()}): every item's deadline is the
     *     timeout after it, so time spent queued behind other batches counts too
     */
    <T> List<T> judge(List<Item> items, @Nullable RewardFunction reward, BiFunction<Integer, Scored, T> then,
            long acceptedNanos) throws InterruptedException {
        if (items.isEmpty()) {
            return List.of();
        }
        Batch<T> batch = new Batch<>(items, reward, then);
        long left = acceptedNanos + timeout.toNanos() - System.nanoTime();
        ScheduledFuture<?> deadline = watchdog.schedule(batch::expire, Math.max(0, left), TimeUnit.NANOSECONDS);
        try {
            int chunk = Math.max(1, (items.size() + threads * CHUNKS_PER_THREAD - 1) / (threads * CHUNKS_PER_THREAD));
            for (int from = 0; from < items.size(); from += chunk) {
                int start = from;
                int end = Math.min(items.size(), from + chunk);
                workers.execute(() -> batch.run(start, end));
            }
            batch.done.await();
        } finally {
            deadline.cancel(false);
        }
        return batch.results();
    }

    /**
     * One batch's items: each settled once, by the worker that judged it or by the watchdog at the batch's deadline,
     * whichever comes first. An item's state and runner change only under the batch's lock, so the watchdog
     * interrupts a thread only while it is still judging that item.
     */
    private final class Batch<T> {

        private static final int PENDING = 0;
        private static final int RUNNING = 1;
        private static final int SETTLED = 2;

        private final List<Item> items;
        private final @Nullable RewardFunction reward;
        private final BiFunction<Integer, Scored, T> then;
        private final int[] state;
        private final Thread[] runners;
        /** Written before {@link #done} counts the item down, read after it reaches zero. */
        private final Object[] results;
        private final CountDownLatch done;
        private volatile @Nullable Throwable failure;

        Batch(List<Item> items, @Nullable RewardFunction reward, BiFunction<Integer, Scored, T> then) {
            this.items = items;
            this.reward = reward;
            this.then = then;
            this.state = new int[items.size()];
            this.runners = new Thread[items.size()];
            this.results = new Object[items.size()];
            this.done = new CountDownLatch(items.size());
        }

        void run(int from, int to) {
            Thread current = Thread.currentThread();
            for (int i = from; i < to; i++) {
                synchronized (this) {
                    if (state[i] != PENDING) {
                        continue;
                    }
                    state[i] = RUNNING;
                    runners[i] = current;
                }
                Scored scored = null;
                Throwable thrown = null;
                try {
                    scored = items.get(i).score(scoring, reward);
                } catch (Throwable e) {
                    thrown = e;
                }
                boolean mine;
                synchronized (this) {
                    mine = state[i] == RUNNING;
                    state[i] = SETTLED;
                    runners[i] = null;
                }
                // an interrupt aimed at this item must not reach the next one on this thread
                Thread.interrupted();
                if (!mine) {
                    continue;
                }
                if (thrown != null) {
                    fail(thrown);
                } else {
                    settle(i, scored);
                }
            }
        }

        /** The deadline: every item not yet settled is answered as timed out, those running interrupted. */
        void expire() {
            List<Integer> expired = new ArrayList<>();
            synchronized (this) {
                for (int i = 0; i < state.length; i++) {
                    if (state[i] != SETTLED) {
                        if (runners[i] != null) {
                            runners[i].interrupt();
                            runners[i] = null;
                        }
                        state[i] = SETTLED;
                        expired.add(i);
                    }
                }
            }
            for (int i : expired) {
                settle(i, Scored.failed(null, Scored.Failure.TIMED_OUT, "the item's checks did not end within "
                        + timeout.toMillis() + " ms of its batch being accepted; abandoned (the rest of the batch"
                        + " is answered)"));
            }
        }

        private void settle(int i, Scored scored) {
            try {
                results[i] = then.apply(i, scored);
            } catch (Throwable e) {
                failure = e;
            }
            done.countDown();
        }

        private void fail(Throwable e) {
            failure = e;
            done.countDown();
        }

        @SuppressWarnings("unchecked")
        List<T> results() {
            Throwable e = failure;
            if (e instanceof Error error) {
                throw error;
            }
            if (e != null) {
                throw new IllegalStateException("an item's judging failed", e);
            }
            List<T> all = new ArrayList<>(results.length);
            for (Object result : results) {
                all.add((T) result);
            }
            return all;
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
