package io.trace2train.engine.ifeval;

import io.trace2train.engine.ifeval.IfevalEvaluator.JudgedPrompt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Judges prompts on a bounded number of threads, each prompt under a deadline. Java cannot stop a thread that
 * ignores interruption, so a prompt past its deadline is abandoned: its thread is interrupted and left, its slot goes
 * to the next prompt, and its result says why. Past a cap of abandoned threads still running the evaluation stops.
 */
final class DeadlineJudging {

    private final Duration timeout;
    private final int abandonedCap;
    private final Semaphore slots;
    /** Abandoned threads that have not returned: each one is a core spinning. */
    private final AtomicInteger stuck = new AtomicInteger();

    DeadlineJudging(int workers, Duration timeout) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        this.abandonedCap = 2 * workers;
        this.slots = new Semaphore(workers);
    }

    List<JudgedPrompt> judge(List<IfevalPrompt> prompts, Responses responses) {
        ExecutorService threads = Executors.newCachedThreadPool(Thread.ofPlatform().name("verify-", 0).daemon()
                .factory());
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("verify-watchdog").daemon().factory());
        List<CompletableFuture<JudgedPrompt>> results = new ArrayList<>(prompts.size());
        try {
            for (IfevalPrompt prompt : prompts) {
                acquire();
                Slot slot = new Slot(prompt, responses.of(prompt));
                results.add(slot.result);
                threads.execute(slot::run);
                watchdog.schedule(slot::abandon, timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            List<JudgedPrompt> judged = new ArrayList<>(results.size());
            for (CompletableFuture<JudgedPrompt> result : results) {
                judged.add(result.get());
            }
            return judged;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while judging", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a prompt's judging failed", e.getCause());
        } finally {
            threads.shutdown();
            watchdog.shutdownNow();
        }
    }

    /** Waits for a free slot; refuses to go on once too many abandoned checks still spin. */
    private void acquire() throws InterruptedException {
        slots.acquire();
        int spinning = stuck.get();
        if (spinning > abandonedCap) {
            slots.release();
            throw new IfevalEvaluator.ChecksStuckException(spinning + " prompts' checks did not end within their "
                    + timeout.toSeconds() + " s deadline and still run (more than " + abandonedCap + ", twice the"
                    + " threads): a check or plugin ignores interruption; fix or remove it and verify again");
        }
    }

    /** One prompt holding a slot: ended by its result or by the watchdog, whichever comes first. */
    private final class Slot {

        private final IfevalPrompt prompt;
        private final String response;
        private final CompletableFuture<JudgedPrompt> result = new CompletableFuture<>();
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile Thread thread;

        Slot(IfevalPrompt prompt, String response) {
            this.prompt = prompt;
            this.response = response;
        }

        void run() {
            thread = Thread.currentThread();
            JudgedPrompt judged = null;
            Throwable failure = null;
            try {
                judged = IfevalEvaluator.judge(prompt, response);
            } catch (Throwable e) {
                failure = e;
            } finally {
                thread = null;
                Thread.interrupted();
            }
            if (!settled.compareAndSet(false, true)) {
                stuck.decrementAndGet();
                return;
            }
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(judged);
            }
            slots.release();
        }

        void abandon() {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            stuck.incrementAndGet();
            Thread running = thread;
            if (running != null) {
                running.interrupt();
            }
            result.complete(IfevalEvaluator.abandoned(prompt, response, timeout));
            slots.release();
        }
    }
}
