package io.trace2train.api.repair;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a strategy repairs, cheapest first: the planner tries the cheapest that can fix a failure. */
public enum RepairKind {
    /** A deterministic, exact edit of the output (remove commas, append a postscript, ...); no model call. */
    PATCH,
    /** The model rewrites its previous output, told what failed and what already holds. */
    REGENERATE,
    /** A fresh generation of the original conversation plus feedback on what failed. */
    FULL;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
