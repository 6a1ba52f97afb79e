package io.trace2train.engine.config;

import java.util.List;

/** A configuration file is wrong; lists every problem as FILE:LINE: message so the user fixes them in one pass. */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("invalid configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
