package io.trace2train.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The installed project, where the shipped examples and the embedded default model live: the launcher passes it as
 * {@code -Dtrace2train.home}; without it (tests, an IDE) the nearest folder above the working directory that holds
 * the examples.
 */
final class ProjectHome {

    static final String EXAMPLE_TASKS = "examples/ifeval/input_data.jsonl";
    static final String EXAMPLE_TRACES = "examples/ifeval/responses_gpt4.jsonl";
    static final String DEFAULT_MODEL = "examples/models/stories260K";

    private ProjectHome() {
    }

    static Path resolve(String relative) {
        return home().resolve(relative);
    }

    static Path home() {
        String property = System.getProperty("trace2train.home");
        if (property != null) {
            return Path.of(property);
        }
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve(EXAMPLE_TASKS))) {
                return folder;
            }
        }
        throw new IllegalStateException("cannot find the trace2train project (its " + EXAMPLE_TASKS + "): run the"
                + " ./trace2train launcher, or pass -Dtrace2train.home=FOLDER");
    }
}
