package io.trace2train.engine.plugin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin jar, isolated as Trino isolates its plugins: its parent is the platform loader, so
 * the jar sees the JDK, its own classes and libraries, and from the host only the SPI packages below. A plugin may
 * therefore bundle its own Jackson, Guava or anything else without clashing with the engine's versions, and cannot
 * come to depend on engine internals by accident.
 */
final class PluginClassLoader extends URLClassLoader {

    /**
     * What the host shares, as class-name prefixes: the SPI, and the Jackson annotations its records carry (one
     * {@code @JsonInclude} class, so the engine's Jackson reads what plugins build).
     */
    static final List<String> SHARED_PACKAGES = List.of("io.trace2train.api.", "com.fasterxml.jackson.annotation.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader host;

    PluginClassLoader(Path jar, ClassLoader host) throws IOException {
        super("plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        this.host = requireNonNull(host, "host");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (shared(name)) {
            return host.loadClass(name);
        }
        // the platform first (a jar cannot replace the JDK), then the jar itself
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return sharedResource(name) ? host.getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return sharedResource(name) ? host.getResources(name) : super.getResources(name);
    }

    private static boolean shared(String className) {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** A class file or other resource of a shared package, e.g. {@code io/trace2train/api/plugin/Plugin.class}. */
    private static boolean sharedResource(String path) {
        return shared(path.replace('/', '.'));
    }
}
