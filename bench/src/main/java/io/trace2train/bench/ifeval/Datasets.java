package io.trace2train.bench.ifeval;

import io.trace2train.engine.config.ProjectHome;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where {@code --dataset} points: {@code ifeval}, the shipped IFEval prompts, or a path. */
public final class Datasets {

    /** The name of the shipped IFEval prompts. */
    public static final String IFEVAL = "ifeval";

    private Datasets() {
    }

    /**
     * {@code ifeval}: the project's shipped prompts ({@link ProjectHome}), so the command works from any folder.
     * Anything else is a path.
     *
     * @throws IllegalArgumentException when the file is not there
     */
    public static Path resolve(String dataset) {
        if (!dataset.equals(IFEVAL)) {
            Path file = Path.of(dataset);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--dataset " + dataset + ": no such file (give ifeval or the path of"
                        + " an IFEval prompts file)");
            }
            return file;
        }
        try {
            return ProjectHome.resolve(ProjectHome.EXAMPLE_TASKS);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("--dataset ifeval: " + e.getMessage() + "; or give --dataset PATH");
        }
    }
}
