package io.trace2train.verifiers.text;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The work one check may spend in regular-expression matching. IFEval's keyword, forbidden-word, section and
 * postscript arguments are raw regexes matched by Java's backtracking engine, as in the reference, so a hostile one
 * ({@code (x+x+)+y}) can take exponential time. Every match in this module reads the response through
 * {@link #guard}, which counts the characters read and stops the match with {@link Exhausted} once the count passes
 * the limit or the deadline has passed. The read limit makes the outcome the same on a busy and an idle machine;
 * the deadline is the backstop.
 */
public final class CheckBudget {

    /** Reads allowed per character of the response; a linear check reads each character a few times. */
    public static final long READS_PER_CHAR = 1_000;
    /** Reads always allowed, so that short responses may use any pattern the reference's tests use. */
    public static final long BASE_READS = 20_000_000;
    /** The deadline of one check, whatever its read count. */
    public static final Duration DEADLINE = Duration.ofSeconds(10);

    /** Thrown inside a match when the budget is spent; the check is then not checkable. */
    public static final class Exhausted extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Exhausted(String message) {
            super(message, null, false, false);
        }
    }

    private static final ThreadLocal<CheckBudget> CURRENT = new ThreadLocal<>();
    private static final int CLOCK_EVERY = 1 << 16;

    private final long readLimit;
    private final long deadlineNanos;
    private long reads;

    private CheckBudget(long readLimit, Duration time) {
        this.readLimit = readLimit;
        this.deadlineNanos = System.nanoTime() + time.toNanos();
    }

    /** The default budget of a check on a response of {@code length} characters. */
    public static long defaultReads(int length) {
        return BASE_READS + READS_PER_CHAR * length;
    }

    /**
     * Runs {@code work} under a budget of {@code readLimit} reads and {@code time}, unless a budget is already in
     * force on this thread (an outer caller's, e.g. a test's stricter one), which then applies.
     *
     * @return what {@code work} returned; the reads it made are in {@link #reads()} of {@link #current()}
     * @throws Exhausted if the budget was spent
     */
    public static <T> T within(long readLimit, Duration time, Supplier<T> work) {
        if (CURRENT.get() != null) {
            return work.get();
        }
        CURRENT.set(new CheckBudget(readLimit, time));
        try {
            return work.get();
        } finally {
            CURRENT.remove();
        }
    }

    /**
     * Runs {@code work} under a fresh budget, replacing any outer one for its duration, and returns the budget so
     * that the caller can read how much was spent. Tests measure the work of a check with this.
     */
    public static CheckBudget measure(long readLimit, Runnable work) {
        CheckBudget outer = CURRENT.get();
        CheckBudget budget = new CheckBudget(readLimit, Duration.ofDays(1));
        CURRENT.set(budget);
        try {
            work.run();
            return budget;
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The characters read so far under this budget. */
    public long reads() {
        return reads;
    }

    /** {@code text} as matchers should read it: counted against the budget in force, if any. */
    public static CharSequence guard(CharSequence text) {
        CheckBudget budget = CURRENT.get();
        return budget == null || text instanceof Guarded ? text : new Guarded(text, budget);
    }

    private void spend() {
        if (++reads > readLimit) {
            throw new Exhausted("the pattern read more than " + readLimit + " characters");
        }
        if ((reads & (CLOCK_EVERY - 1)) == 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new Exhausted("the check ran past its deadline");
        }
    }

    /** A string whose reads are charged to a budget. */
    private record Guarded(CharSequence text, CheckBudget budget) implements CharSequence {

        @Override
        public char charAt(int index) {
            budget.spend();
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Guarded(text.subSequence(start, end), budget);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
