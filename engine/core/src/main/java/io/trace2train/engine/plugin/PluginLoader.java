package io.trace2train.engine.plugin;

import io.trace2train.api.plugin.Plugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Does all {@link ServiceLoader} work: finds {@link Plugin}s on the class path and in the jars of a plugin
 * directory (each jar isolated in its own {@link PluginClassLoader}, which shares only the api with the host), then
 * checks them all together.
 * Every problem is collected before failing, so one start-up lists everything to fix.
 */
public final class PluginLoader {

    private static final Pattern PLUGIN_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    /** Holds the class-path plugins and the api that plugin jars share. */
    private final ClassLoader parent;

    public PluginLoader(ClassLoader parent) {
        this.parent = parent;
    }

    public PluginLoader() {
        this(PluginLoader.class.getClassLoader());
    }

    /**
     * Loads the class-path plugins and, when {@code pluginDirectory} is not null, every {@code *.jar} in it.
     *
     * @throws PluginLoadingException listing every problem found
     */
    public List<LoadedPlugin> load(Path pluginDirectory) {
        List<String> problems = new ArrayList<>();
        List<LoadedPlugin> plugins = new ArrayList<>(fromClassLoader(parent, null, problems));
        if (pluginDirectory != null) {
            plugins.addAll(fromDirectory(pluginDirectory, problems));
        }
        checkNamesAndDuplicates(plugins, problems);
        if (!problems.isEmpty()) {
            throw new PluginLoadingException(problems);
        }
        return List.copyOf(plugins);
    }

    private List<LoadedPlugin> fromDirectory(Path directory, List<String> problems) {
        if (!Files.isDirectory(directory)) {
            problems.add("plugin directory " + directory + " does not exist or is not a directory;"
                    + " create it, or point --plugins (or plugin.dir) at the folder that holds the plugin jars");
            return List.of();
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(directory)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            problems.add("cannot list plugin directory " + directory + ": " + e.getMessage());
            return List.of();
        }
        List<LoadedPlugin> plugins = new ArrayList<>();
        for (Path jar : jars) {
            PluginClassLoader loader;
            try {
                loader = new PluginClassLoader(jar, parent);
            } catch (IOException e) {
                problems.add("cannot open plugin jar " + jar + ": " + e.getMessage());
                continue;
            }
            int problemsBefore = problems.size();
            List<LoadedPlugin> found = fromClassLoader(loader, jar, problems);
            // a jar whose declared plugin failed has been reported already, and does hold a declaration
            if (found.isEmpty() && problems.size() == problemsBefore) {
                problems.add("plugin jar " + jar + " holds no trace2train plugin: it needs a"
                        + " META-INF/services/" + Plugin.class.getName() + " file naming its Plugin class;"
                        + " add one, or remove the jar from " + directory);
            }
            plugins.addAll(found);
        }
        return plugins;
    }

    /** With a jar, keeps only the providers defined by that jar's own loader (the parent's are found once). */
    private static List<LoadedPlugin> fromClassLoader(ClassLoader loader, Path jar, List<String> problems) {
        List<LoadedPlugin> plugins = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<Plugin> provider : ServiceLoader.load(Plugin.class, loader).stream().toList()) {
                if (jar != null && provider.type().getClassLoader() != loader) {
                    continue;
                }
                String source = jar != null ? jar.toString() : sourceOf(provider.type());
                try {
                    plugins.add(new LoadedPlugin(provider.get(), source));
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    problems.add("plugin " + provider.type().getName() + " in " + source + " failed to start: "
                            + why(e));
                }
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            problems.add("bad plugin declaration in " + (jar != null ? jar : "the class path") + ": "
                    + (e instanceof ServiceConfigurationError ? e.getMessage() : why(e)));
        }
        return plugins;
    }

    /**
     * What went wrong, from the root cause; a class missing from the jar gets the fix, since with isolation a
     * plugin no longer borrows the engine's libraries.
     */
    private static String why(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if ((root instanceof NoClassDefFoundError || root instanceof ClassNotFoundException) && root.getMessage() != null) {
            return "it needs class " + root.getMessage().replace('/', '.') + ", which its jar does not hold (a plugin"
                    + " jar sees only " + String.join(", ", PluginClassLoader.SHARED_PACKAGES.stream()
                            .map(p -> p + "*").toList()) + " from the engine: bundle every other library it uses)";
        }
        return root == e ? e.toString() : e + ", caused by " + root;
    }

    private static String sourceOf(Class<?> type) {
        CodeSource codeSource = type.getProtectionDomain().getCodeSource();
        return codeSource == null || codeSource.getLocation() == null
                ? "class path" : codeSource.getLocation().getPath();
    }

    private static void checkNamesAndDuplicates(List<LoadedPlugin> plugins, List<String> problems) {
        Map<String, LoadedPlugin> byName = new LinkedHashMap<>();
        Map<PluginKind<?>, Map<String, LoadedPlugin>> owners = new LinkedHashMap<>();
        for (LoadedPlugin loaded : plugins) {
            String name = loaded.name();
            if (name == null || !PLUGIN_NAME.matcher(name).matches()) {
                problems.add("plugin " + loaded.plugin().getClass().getName() + " in " + loaded.source()
                        + " has an invalid name '" + name + "': use lower-case letters, digits, '_' or '-'");
                continue;
            }
            LoadedPlugin previous = byName.putIfAbsent(name, loaded);
            if (previous != null) {
                problems.add("duplicate plugin name '" + name + "' in " + previous.source() + " and "
                        + loaded.source() + ": remove one of the jars");
                continue;
            }
            for (PluginKind<?> kind : PluginKind.ALL) {
                checkContributions(loaded, kind, owners.computeIfAbsent(kind, k -> new LinkedHashMap<>()), problems);
            }
        }
    }

    private static <T> void checkContributions(LoadedPlugin loaded, PluginKind<T> kind,
            Map<String, LoadedPlugin> owners, List<String> problems) {
        List<T> items;
        try {
            items = kind.of(loaded.plugin());
        } catch (RuntimeException | LinkageError e) {
            problems.add("plugin '" + loaded.name() + "' in " + loaded.source() + " failed to list its "
                    + kind.plural() + ": " + why(e));
            return;
        }
        for (T item : items) {
            if (item == null) {
                problems.add("plugin '" + loaded.name() + "' in " + loaded.source() + " lists a null among its "
                        + kind.plural());
                continue;
            }
            String name;
            Optional<String> missing;
            try {
                name = kind.nameOf(item);
                missing = checkName(loaded, kind, name, owners, problems) ? kind.missing().apply(item) : Optional.empty();
            } catch (RuntimeException | LinkageError e) {
                problems.add("plugin '" + loaded.name() + "' in " + loaded.source() + " has " + kind.withArticle()
                        + " (" + item.getClass().getName() + ") that fails to describe itself: " + why(e));
                continue;
            }
            missing.ifPresent(what -> problems.add(kind.noun() + " '" + name + "' of plugin '" + loaded.name()
                    + "' in " + loaded.source() + " " + what));
        }
    }

    /** Checks a contributed name's form and that no other plugin contributes it; true when it is valid. */
    private static boolean checkName(LoadedPlugin loaded, PluginKind<?> kind, String name,
            Map<String, LoadedPlugin> owners, List<String> problems) {
        if (name == null || !kind.validName().matcher(name).matches()) {
            problems.add("plugin '" + loaded.name() + "' in " + loaded.source() + " has " + kind.withArticle()
                    + " with an invalid name '" + name + "': use " + kind.rule());
            return false;
        }
        LoadedPlugin owner = owners.putIfAbsent(name, loaded);
        if (owner != null) {
            problems.add("duplicate " + kind.noun() + " '" + name + "' in plugin '" + owner.name() + "' ("
                    + owner.source() + ") and plugin '" + loaded.name() + "' (" + loaded.source()
                    + "): remove one of the jars");
            return false;
        }
        return true;
    }
}
