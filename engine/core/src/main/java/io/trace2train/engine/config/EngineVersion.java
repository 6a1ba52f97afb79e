package io.trace2train.engine.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The engine's version, as Maven stamped it into {@code engine-version.properties} at build time. */
public final class EngineVersion {

    private static final String VERSION = load();

    private EngineVersion() {
    }

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = EngineVersion.class.getResourceAsStream("/io/trace2train/engine/engine-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("engine-version.properties missing from the engine jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
