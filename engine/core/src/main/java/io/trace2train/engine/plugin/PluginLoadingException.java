package io.trace2train.engine.plugin;

import java.util.List;

/**
 * Plugins could not be loaded. Lists every problem at once (duplicate names, bad names, jars without a plugin),
 * each naming the jar(s) involved; the user must remove or fix those jars, or pick another plugin directory.
 */
public final class PluginLoadingException extends RuntimeException {

    private final List<String> problems;

    public PluginLoadingException(List<String> problems) {
        super("cannot load plugins:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
