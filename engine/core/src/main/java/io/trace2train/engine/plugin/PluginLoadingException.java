package io.trace2train.engine.plugin;

import io.trace2train.engine.io.BadInputException;
import java.util.List;

/**
 * Plugins could not be loaded. Lists every problem at once (duplicate names, bad names, jars without a plugin),
 * each naming the jar(s) involved; the user must remove or fix those jars, or pick another plugin directory.
 */
public final class PluginLoadingException extends BadInputException {

    private static final long serialVersionUID = 1L;

    private final List<String> pluginProblems;

    public PluginLoadingException(List<String> problems) {
        super("cannot load plugins:\n  - " + String.join("\n  - ", problems));
        this.pluginProblems = List.copyOf(problems);
    }

    /** Every plugin problem, each naming the jar(s) involved. */
    public List<String> pluginProblems() {
        return pluginProblems;
    }
}
