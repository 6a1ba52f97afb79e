package io.trace2train.backends.jlama;

import java.util.List;
import java.util.Optional;

/** Where the text first ends with a stop sequence, if it does. */
final class StopSequences {

    private StopSequences() {
    }

    /** @return the length to cut the text to (the stop sequence is not part of the answer) */
    static Optional<Integer> firstMatch(CharSequence text, List<String> stops) {
        String tail = text.toString();
        int best = -1;
        for (String stop : stops) {
            int at = tail.indexOf(stop);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(best);
    }
}
