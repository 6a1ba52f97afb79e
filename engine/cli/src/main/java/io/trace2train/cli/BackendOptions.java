package io.trace2train.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The backend options that {@code run}, {@code rollouts} and {@code bench ifeval} share. */
final class BackendOptions {

    @Option(names = "--backend", defaultValue = "replay", paramLabel = "NAME",
            description = "The model backend (default: ${DEFAULT-VALUE}; `plugins` lists them).")
    String backend;

    @Option(names = "--responses", paramLabel = "FILE",
            description = "Replay: the recorded responses (same as --option responses=FILE).")
    Path responses;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A backend option; repeatable.")
    Map<String, String> options = new LinkedHashMap<>();

    /** The --option values, with --responses as {@code responses=FILE} (made absolute for a manifest). */
    Map<String, String> merged(boolean absolutePaths) {
        Map<String, String> merged = new LinkedHashMap<>(options);
        if (responses != null) {
            merged.put("responses", (absolutePaths ? responses.toAbsolutePath() : responses).toString());
        }
        return merged;
    }
}
