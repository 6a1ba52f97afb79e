package io.trace2train.engine.config;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The installed project, where the shipped examples and the embedded default model live: the launcher passes it as
 * {@code -Dtrace2train.home}; without it (tests, an IDE, an embedding application) the nearest folder holding the
 * examples above the working folder, then above the code's own jar or classes folder.
 */
public final class ProjectHome {

    public static final String EXAMPLE_TASKS = "examples/ifeval/input_data.jsonl";
    public static final String EXAMPLE_TRACES = "examples/ifeval/responses_gpt4.jsonl";
    public static final String DEFAULT_MODEL = "examples/models/stories260K";
    /** τ-bench's 200 recorded GPT-4o airline episodes (4 trials of 50 tasks), one a line. */
    public static final String EXAMPLE_EPISODES = "examples/tau-bench/airline/trajectories_gpt4o.jsonl";

    private ProjectHome() {
    }

    /** A path of the project. */
    public static Path resolve(String relative) {
        return home().resolve(relative);
    }

    /** @throws IllegalStateException saying what to do when no project can be found */
    public static Path home() {
        String property = System.getProperty("trace2train.home");
        if (property != null) {
            return Path.of(property);
        }
        Path found = above(Path.of("").toAbsolutePath());
        if (found == null) {
            found = above(codeLocation());
        }
        if (found == null) {
            throw new IllegalStateException("cannot find the trace2train project (its " + EXAMPLE_TASKS + "): run the"
                    + " ./trace2train launcher, or pass -Dtrace2train.home=FOLDER");
        }
        return found;
    }

    private static Path above(Path start) {
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve(EXAMPLE_TASKS))) {
                return folder;
            }
        }
        return null;
    }

    private static Path codeLocation() {
        try {
            return Path.of(ProjectHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }
}
