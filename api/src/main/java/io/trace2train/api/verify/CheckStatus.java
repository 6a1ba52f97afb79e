package io.trace2train.api.verify;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a check ended. {@link #NOT_CHECKABLE} is a check that could not decide within its work budget (a raw regex
 * argument that backtracks without end, or overflows the matcher's stack): it counts as not passed, but callers can
 * tell it from a response that breaks the constraint.
 */
public enum CheckStatus {
    PASSED,
    FAILED,
    NOT_CHECKABLE;

    /** The status of a decided check. */
    public static CheckStatus of(boolean passed) {
        return passed ? PASSED : FAILED;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Jackson's value filter for an optional {@code status} field: written only when the check was not checkable, so
     * records of decided checks stay as they were ({@code passed} says it all).
     */
    public static final class WrittenOnlyWhenNotCheckable {

        @Override
        public boolean equals(Object value) {
            return value != NOT_CHECKABLE; // true means "leave out"
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
