package io.trace2train.engine.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the engine is started with.
 *
 * @param pluginDirectory a folder of plugin jars to load besides the class path, if any
 */
public record EngineConfig(Optional<Path> pluginDirectory) {

    public EngineConfig {
        requireNonNull(pluginDirectory, "pluginDirectory");
    }

    public static EngineConfig defaults() {
        return new EngineConfig(Optional.empty());
    }

    public EngineConfig withPluginDirectory(Path directory) {
        return new EngineConfig(Optional.of(directory));
    }
}
