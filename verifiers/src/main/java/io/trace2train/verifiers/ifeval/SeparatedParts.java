package io.trace2train.verifiers.ifeval;

import static java.util.Objects.requireNonNull;

import io.trace2train.verifiers.text.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A response split on a separator as IFEval's {@code ***} paragraph and {@code ******} two-response checks read it: a
 * blank part before the first or after the last separator does not count, and a blank part between two separators
 * fails the check outright.
 *
 * @param parts every part, as {@link Span#split} gives them
 * @param filled the parts that are not blank, in order; all of them when there is no empty part
 * @param emptyAt the index in {@code parts} of the first blank part between two separators, or -1 if there is none
 */
public record SeparatedParts(List<Span> parts, List<Span> filled, int emptyAt) {

    public SeparatedParts {
        parts = List.copyOf(requireNonNull(parts, "parts"));
        filled = List.copyOf(requireNonNull(filled, "filled"));
    }

    /** Splits {@code response}; the search stops at the first empty part between two separators. */
    public static SeparatedParts split(Pattern separator, String response) {
        List<Span> parts = Span.split(separator, response);
        int last = parts.size() - 1;
        List<Span> filled = new ArrayList<>(parts.size());
        for (int i = 0; i <= last; i++) {
            Span part = parts.get(i);
            if (!part.isBlank(response)) {
                filled.add(part);
            } else if (i != 0 && i != last) {
                return new SeparatedParts(parts, filled, i);
            }
        }
        return new SeparatedParts(parts, filled, -1);
    }

    /** Whether a blank part stands between two separators. */
    public boolean hasEmptyPart() {
        return emptyAt >= 0;
    }

    /**
     * The first empty part with the separators around it, from the end of the part before to the start of the one
     * after: the doubled separator to remove.
     */
    public Span emptyGap() {
        if (!hasEmptyPart()) {
            throw new IllegalStateException("no empty part");
        }
        return new Span(parts.get(emptyAt - 1).end(), parts.get(emptyAt + 1).start());
    }
}
