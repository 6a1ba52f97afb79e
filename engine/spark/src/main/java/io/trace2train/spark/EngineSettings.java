package io.trace2train.spark;

import io.trace2train.engine.Engine;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * How a job's engines are configured: what travels to the executors in place of an engine, which is never
 * serialised. Each executor JVM starts one engine per setting, the first time a partition asks for it (plugin
 * loading and Guice wiring run once per executor, not per task).
 *
 * @param configFile the engine's configuration file, or null for the defaults
 * @param pluginDirectory a folder of plugin jars (the same path on every machine), or null for the class path's
 */
public record EngineSettings(@Nullable String configFile, @Nullable String pluginDirectory) implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Map<EngineSettings, Engine> STARTED = new ConcurrentHashMap<>();

    /** The defaults: the plugins on the class path. */
    public static EngineSettings defaults() {
        return new EngineSettings(null, null);
    }

    /** This JVM's engine of these settings, started on first use. */
    public Engine engine() {
        return STARTED.computeIfAbsent(this, s -> Engine.start(s.configFile == null ? null : Path.of(s.configFile),
                s.pluginDirectory == null ? null : Path.of(s.pluginDirectory)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EngineSettings s && Objects.equals(configFile, s.configFile)
                && Objects.equals(pluginDirectory, s.pluginDirectory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(configFile, pluginDirectory);
    }
}
