package io.trace2train.backends.langchain4j.capture;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Captures a running LangChain4j agent's conversations, tool calls and results included, as training episodes: add it
 * to the chat model's listeners and every conversation is appended to {@code path} as one line of OpenAI chat-format
 * JSON (the shape {@code trace2train import --format openai} reads).
 *
 * <pre>{@code
 * EpisodeRecorder recorder = EpisodeRecorder.open(Path.of("episodes.jsonl"));
 * ChatModel model = OpenAiChatModel.builder()...listeners(List.of(recorder)).build();
 * recorder.close(); // at shutdown: writes the conversations still open
 * }</pre>
 *
 * <p>The agent's thread only puts each model call on a lock-free queue (no lock, no wake-up call: the writer looks every
 * {@value #POLL_MILLIS} ms); one writer thread matches calls to conversations and does all file work, so the agent is
 * not slowed by the disk. An agent that outruns the writer by {@value #QUEUE_CAPACITY} calls waits for it rather than
 * losing episodes. Each episode reaches the file as one whole line, handed to the OS as it is written (a killed
 * process loses none), and is forced to the disk within a second, and at {@link #flush()} and {@link #close()}. When a conversation is written, and why it is
 * written once and whole, is {@link PendingEpisodes}' rule: a finished conversation once nothing continued it for the
 * quiet period (30 s unless set), one stuck waiting for tool results after the abandoned period (10 min), everything
 * at {@link #close()}. A shutdown hook closes a recorder the application did not close.
 */
public final class EpisodeRecorder implements ChatModelListener, AutoCloseable {

    static final int QUEUE_CAPACITY = 4096;
    static final long POLL_MILLIS = 20;
    private static final long FORCE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final System.Logger LOG = System.getLogger(EpisodeRecorder.class.getName());

    /** Settings of a recorder; {@link EpisodeRecorder#builder(Path)}. */
    public static final class Builder {
        private final Path path;
        private Duration quiet = Duration.ofSeconds(30);
        private Duration abandoned = Duration.ofMinutes(10);

        private Builder(Path path) {
            this.path = Objects.requireNonNull(path, "path");
        }

        /** How long a conversation that ended in a final answer waits for a continuation before it is written. */
        public Builder quietPeriod(Duration quiet) {
            this.quiet = Objects.requireNonNull(quiet, "quiet");
            return this;
        }

        /** How long a conversation waiting for tool results waits before it is written as incomplete. */
        public Builder abandonedAfter(Duration abandoned) {
            this.abandoned = Objects.requireNonNull(abandoned, "abandoned");
            return this;
        }

        /** Opens (or creates) the episode file and starts the writer; a torn last line from a kill is cut. */
        public EpisodeRecorder open() throws IOException {
            return new EpisodeRecorder(EpisodeLog.open(path), new PendingEpisodes(quiet.toNanos(), abandoned.toNanos()));
        }
    }

    /** Besides model calls ({@link Exchange}), the writer takes: write what is due ({@code all}: everything), force. */
    private record Sync(boolean all, CompletableFuture<Void> done) {
    }

    private final EpisodeLog log;
    private final PendingEpisodes pending;
    private final OpenAiEpisodeFormat format = new OpenAiEpisodeFormat();
    /** {@link Exchange}s and {@link Sync}s, in the order handed over. */
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    /** Calls on the queue, for the back-pressure bound. */
    private final AtomicInteger queuedCalls = new AtomicInteger();
    private final Thread writer;
    private final Thread shutdownHook;
    private final Object closeLock = new Object();
    private volatile boolean closed;
    private volatile IOException failure;
    private long written;
    private boolean unforced;
    private long lastForce = System.nanoTime();

    private EpisodeRecorder(EpisodeLog log, PendingEpisodes pending) {
        this.log = log;
        this.pending = pending;
        if (log.cutBytes() > 0) {
            LOG.log(System.Logger.Level.WARNING, "{0}: cut a torn last line of {1} bytes left by an interrupted"
                    + " writer", log.path(), log.cutBytes());
        }
        this.writer = Thread.ofPlatform().daemon().name("trace2train-episode-writer").unstarted(this::writeLoop);
        this.shutdownHook = Thread.ofPlatform().unstarted(this::closeQuietly);
        writer.start();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A recorder with the default periods, appending to {@code path}. */
    public static EpisodeRecorder open(Path path) throws IOException {
        return builder(path).open();
    }

    public static Builder builder(Path path) {
        return new Builder(path);
    }

    /** Runs on the agent's thread: hands the call over and returns. */
    @Override
    public void onResponse(ChatModelResponseContext context) {
        if (closed || !writer.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, "{0}: a model call after the recorder was closed is not recorded",
                    log.path());
            return;
        }
        queue.add(new Exchange(context.chatRequest(), context.chatResponse()));
        if (queuedCalls.incrementAndGet() > QUEUE_CAPACITY) {
            LockSupport.unpark(writer);
            while (queuedCalls.get() > QUEUE_CAPACITY && writer.isAlive()) {
                LockSupport.parkNanos(this, TimeUnit.MICROSECONDS.toNanos(100));
            }
        }
    }

    /**
     * Waits until every call handed over so far is matched and every conversation now due is on disk. Conversations
     * that may still continue stay pending.
     */
    public void flush() throws IOException {
        sync(false);
    }

    /** Writes every pending conversation (those waiting for tool results marked incomplete) and closes the file. */
    @Override
    public void close() throws IOException {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            try {
                sync(true);
                closed = true;
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(log.path() + ": interrupted while writing the last episodes", e);
            } finally {
                closed = true;
                log.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // closing from the hook itself
                }
            }
        }
    }

    /** Episodes written so far (after {@link #flush()} or {@link #close()}, all of them). */
    public long written() {
        synchronized (this) {
            return written;
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
        }
    }

    private void sync(boolean all) throws IOException {
        if (closed) {
            throw new IOException(log.path() + ": the episode recorder is closed");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            queue.add(new Sync(all, done));
            LockSupport.unpark(writer);
            while (!done.isDone()) {
                try {
                    done.get(1, TimeUnit.SECONDS);
                } catch (TimeoutException stillWriting) {
                    if (!writer.isAlive()) {
                        throw new IOException(log.path() + ": the episode writer stopped");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(log.path() + ": interrupted while writing episodes", e);
        } catch (ExecutionException e) {
            throw new IOException(log.path() + ": " + e.getCause().getMessage(), e.getCause());
        }
        IOException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    private void writeLoop() {
        while (true) {
            try {
                int taken = 0;
                for (Object item = queue.poll(); item != null; item = queue.poll()) {
                    if (item instanceof Exchange exchange) {
                        taken++;
                        accept(exchange);
                    } else if (item instanceof Sync sync) {
                        write(sync.all() ? pending.drainAll() : pending.due(System.nanoTime()));
                        force();
                        sync.done().complete(null);
                        if (sync.all()) {
                            return; // close(): nothing is handed over after it
                        }
                    }
                }
                queuedCalls.addAndGet(-taken); // once per batch: the agents' counter line is left alone
                long now = System.nanoTime();
                write(pending.due(now));
                if (unforced && now - lastForce >= FORCE_EVERY_NANOS) {
                    force();
                }
                Thread.interrupted(); // only close() ends the writer: a stray interrupt must not make it spin
                long idle = TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS);
                LockSupport.parkNanos(this, Math.min(idle, pending.nanosUntilNextDue(now)));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, log.path() + ": episode writer", e);
            }
        }
    }

    private void accept(Exchange exchange) {
        try {
            pending.accept(exchange, System.nanoTime());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, log.path() + ": a model call could not be recorded", e);
        }
    }

    private void write(List<Episode> episodes) {
        if (episodes.isEmpty() || failure != null) {
            return;
        }
        List<String> lines = new ArrayList<>(episodes.size());
        for (Episode episode : episodes) {
            try {
                lines.add(format.line(episode));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, log.path() + ": an episode could not be written", e);
            }
        }
        try {
            log.append(lines);
            unforced = true;
            synchronized (this) {
                written += lines.size();
            }
        } catch (IOException e) {
            failure = e;
            LOG.log(System.Logger.Level.ERROR, "episodes are no longer recorded: " + e.getMessage());
        }
    }

    private void force() {
        if (failure == null) {
            try {
                log.force();
                unforced = false;
                lastForce = System.nanoTime();
            } catch (IOException e) {
                failure = new IOException(log.path() + ": " + e.getMessage(), e);
                LOG.log(System.Logger.Level.ERROR, "episodes are no longer recorded: " + e.getMessage());
            }
        }
    }
}
