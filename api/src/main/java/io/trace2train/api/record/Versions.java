package io.trace2train.api.record;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * The versions that produced a record.
 *
 * @param engine the engine's version
 * @param verifiers each verifier used, by instruction id
 */
public record Versions(String engine, Map<String, String> verifiers) {

    public Versions {
        requireNonNull(engine, "engine");
        verifiers = java.util.Collections.unmodifiableMap(new TreeMap<>(verifiers));
    }
}
