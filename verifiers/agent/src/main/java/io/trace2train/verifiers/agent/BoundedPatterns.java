package io.trace2train.verifiers.agent;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import io.trace2train.verifiers.text.CheckBudget;
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
        // the same read-counting guard the text checks use (verifiers/text), with this budget per match
        return value -> {
            try {
                return CheckBudget.within(READS_FLOOR + READS_PER_CHAR * value.length(), CheckBudget.DEADLINE,
                        () -> pattern.matcher(CheckBudget.guard(value)).find());
            } catch (CheckBudget.Exhausted | StackOverflowError e) {
                throw new OverBudget(regex);
            }
        };
    }
}
