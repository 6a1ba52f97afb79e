package io.trace2train.engine.run;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.record.ErrorKind;

/**
 * Lets a run stop a unit of work that runs on another thread: a fork past its timeout, or one no longer needed once
 * enough forks of its task passed. Cancelling interrupts the worker (a local model's decoding loop checks for that
 * after every token) and leaves the reason, so the unit's record says why it ended. Once the unit has finished,
 * cancelling does nothing: its record is then written by a thread that is not interrupted.
 */
public final class Cancellation {

    /** Why a unit was stopped: {@code kind} becomes the record's error kind. */
    public record Reason(ErrorKind kind, String message) {

        public Reason {
            requireNonNull(kind, "kind");
            requireNonNull(message, "message");
        }
    }

    private Thread worker;
    private Reason reason;
    private boolean finished;
    /** Where the unit is, read by the thread that gives up on a unit that does not stop. */
    private volatile String stage = "verify";

    /** A token that is never cancelled. */
    public static Cancellation none() {
        return new Cancellation();
    }

    /** Binds the token to the calling thread, the one a cancel interrupts. */
    public synchronized void start() {
        worker = Thread.currentThread();
        if (reason != null) {
            worker.interrupt();
        }
    }

    public synchronized void cancel(Reason why) {
        if (finished || reason != null) {
            return;
        }
        reason = why;
        if (worker != null) {
            worker.interrupt();
        }
    }

    /** Marks the unit done and clears an interrupt a cancel left on the worker, so its record can be written. */
    public synchronized void finish() {
        finished = true;
        if (worker == Thread.currentThread()) {
            Thread.interrupted();
        }
    }

    /** Notes where the unit is: {@code generate}, {@code verify}, {@code repair}... */
    public void at(String where) {
        stage = where;
    }

    /** Where the unit was last: the stage of a record written for it from another thread. */
    public String stage() {
        return stage;
    }

    public synchronized Reason reason() {
        return reason;
    }

    /** @throws CancelledException when cancelled: called between steps, so built-in work stops at the next one */
    public void check() {
        Reason why = reason();
        if (why != null) {
            throw new CancelledException(why);
        }
    }

    /** Thrown inside a run to unwind it once it is cancelled. */
    public static final class CancelledException extends RuntimeException {

        private final transient Reason reason;

        CancelledException(Reason reason) {
            super(reason.message());
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }
}
