package io.trace2train.verifiers.agent;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.regex.Pattern;

/**
 * The {@code pattern}s of tool schemas (which come from logs, so from anyone) matched with a work budget: Java's
 * backtracking matcher can take exponential time on a pattern like {@code (a+)+$}, so every character the matcher
 * reads is counted, and a match past the budget (or one that overflows the matcher's stack) throws
 * {@link OverBudget} instead of running on.
 */
final class BoundedPatterns implements RegularExpressionFactory {

    /** Characters a match may read per character of input, plus a floor for short inputs. */
    static final long READS_PER_CHAR = 1_000;
    static final long READS_FLOOR = 100_000;

    /** A pattern match ran past its budget. */
    static final class OverBudget extends RuntimeException {

        OverBudget(String pattern) {
            super("the schema pattern " + pattern + " ran past its work budget", null, false, false);
        }
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(regex); // JSON Schema: unanchored, as find() does
        return value -> {
            try {
                return pattern.matcher(new Counted(value, READS_FLOOR + READS_PER_CHAR * value.length(), regex))
                        .find();
            } catch (StackOverflowError deep) {
                throw new OverBudget(regex);
            }
        };
    }

    /** The input, counting reads. */
    private static final class Counted implements CharSequence {

        private final String text;
        private final String regex;
        private long left;

        Counted(String text, long budget, String regex) {
            this.text = text;
            this.left = budget;
            this.regex = regex;
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw new OverBudget(regex);
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
