package io.trace2train.engine.verify;

import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Verifier;
import java.util.List;

/**
 * How a response is judged against an instruction, as in IFEval: strictly on the text as given, or loosely on any of
 * its {@link LooseCandidates}. A blank response follows nothing.
 */
public enum Strictness {
    STRICT,
    LOOSE;

    /** The texts to try, in order; for LOOSE computed once per response and shared by its instructions. */
    public List<String> candidates(String response) {
        return this == STRICT ? List.of(response) : LooseCandidates.of(response);
    }

    /** Whether any non-blank candidate passes (the reference stops at the first that does). */
    public static boolean follows(Verifier verifier, List<String> candidates) {
        for (String candidate : candidates) {
            if (!PythonText.isBlank(candidate) && verifier.check(candidate).passed()) {
                return true;
            }
        }
        return false;
    }

    /** The name used in the reference's file names: {@code strict} or {@code loose}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
