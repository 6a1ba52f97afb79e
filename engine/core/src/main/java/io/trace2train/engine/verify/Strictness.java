package io.trace2train.engine.verify;

/** IFEval's two readings of a response: strictly as given, or loosely on any of its {@link LooseCandidates}. */
public enum Strictness {
    STRICT,
    LOOSE;

    /** The name used in the reference's file names: {@code strict} or {@code loose}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
