package io.trace2train.engine.plugin;

import static java.util.Objects.requireNonNull;

import io.trace2train.engine.config.NamedOptions;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the loaded plugins contribute of one {@link PluginKind}, by name. The loader has already refused
 * duplicate and malformed names, so the names here are unique.
 */
public final class PluginRegistry<T> {

    private final PluginKind<T> kind;
    private final SortedMap<String, T> byName;

    private PluginRegistry(PluginKind<T> kind, SortedMap<String, T> byName) {
        this.kind = kind;
        this.byName = Collections.unmodifiableSortedMap(byName);
    }

    /**
     * @throws IllegalArgumentException when two plugins contribute the same name (the loader reports that first,
     *     naming both jars; this guards registries built from unchecked plugins)
     */
    public static <T> PluginRegistry<T> of(PluginKind<T> kind, List<LoadedPlugin> plugins) {
        requireNonNull(kind, "kind");
        SortedMap<String, T> byName = new TreeMap<>();
        for (LoadedPlugin plugin : plugins) {
            for (T item : plugin.contributions(kind)) {
                if (byName.putIfAbsent(kind.nameOf(item), item) != null) {
                    throw new IllegalArgumentException("duplicate " + kind.noun() + " '" + kind.nameOf(item) + "'");
                }
            }
        }
        return new PluginRegistry<>(kind, byName);
    }

    public PluginKind<T> kind() {
        return kind;
    }

    public Optional<T> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @throws io.trace2train.engine.io.BadInputException naming the closest known names, when no plugin provides {@code name} */
    public T get(String name) {
        T item = byName.get(name);
        if (item == null) {
            throw NamedOptions.unknown(kind.noun(), name, byName.keySet());
        }
        return item;
    }

    /** Everything of this kind, sorted by name. */
    public SortedMap<String, T> all() {
        return byName;
    }
}
