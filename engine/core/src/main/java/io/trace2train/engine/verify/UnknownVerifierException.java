package io.trace2train.engine.verify;

import io.trace2train.engine.io.BadInputException;
import java.util.List;

/** No loaded plugin provides this instruction id. Names the closest known ids. */
public final class UnknownVerifierException extends BadInputException {

    private static final long serialVersionUID = 1L;

    private final String id;
    private final List<String> suggestions;

    public UnknownVerifierException(String id, List<String> suggestions) {
        super("unknown instruction id '" + id + "'"
                + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(", ", suggestions) + "?")
                + " (`trace2train plugins` lists them all; a plugin jar may be missing from --plugins)");
        this.id = id;
        this.suggestions = List.copyOf(suggestions);
    }

    public String id() {
        return id;
    }

    public List<String> suggestions() {
        return suggestions;
    }
}
