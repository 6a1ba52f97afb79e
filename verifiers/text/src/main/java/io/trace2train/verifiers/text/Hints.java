package io.trace2train.verifiers.text;

import java.util.Collection;
import java.util.stream.Collectors;

/** Phrasing shared by verdict texts. */
public final class Hints {

    /** Longer values (a prompt to repeat, say) are cut; a hint must stay short. */
    private static final int MAX_QUOTED = 80;

    private Hints() {
    }

    /** {@code 'value'}, with line breaks shown as {@code \n} and long values cut with an ellipsis. */
    public static String quote(String value) {
        String shown = value.replace("\r", "\\r").replace("\n", "\\n");
        if (shown.codePointCount(0, shown.length()) > MAX_QUOTED) {
            shown = shown.substring(0, shown.offsetByCodePoints(0, MAX_QUOTED - 1)) + "…";
        }
        return "'" + shown + "'";
    }

    /** {@code 'a', 'b', 'c'}. */
    public static String quoteAll(Collection<String> values) {
        return values.stream().map(Hints::quote).collect(Collectors.joining(", "));
    }
}
