package io.trace2train.engine.plugin;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.plugin.Plugin;
import java.util.List;

/**
 * A plugin and where it came from.
 *
 * @param plugin the plugin instance
 * @param source the jar (or class folder) it was loaded from, for listings and error messages
 */
public record LoadedPlugin(Plugin plugin, String source) {

    public LoadedPlugin {
        requireNonNull(plugin, "plugin");
        requireNonNull(source, "source");
    }

    public String name() {
        return plugin.name();
    }

    /** What the plugin contributes of {@code kind}; none when it hands out a null list. */
    public <T> List<T> contributions(PluginKind<T> kind) {
        return kind.of(plugin);
    }
}
