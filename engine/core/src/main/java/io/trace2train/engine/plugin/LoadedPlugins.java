package io.trace2train.engine.plugin;

import java.util.List;

/** The plugins an engine was started with, in load order (class path first, then the plugin directory). */
public record LoadedPlugins(List<LoadedPlugin> all) {

    public LoadedPlugins {
        all = List.copyOf(all);
    }
}
