package io.trace2train.bench.ifeval;

import io.trace2train.engine.Examples;
import io.trace2train.engine.io.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where {@code --dataset} points: {@code ifeval} or {@code ifbench}, the shipped prompts of either benchmark, or a
 * path.
 */
public final class Datasets {

    /** The name of the shipped IFEval prompts. */
    public static final String IFEVAL = "ifeval";
    /** The name of the shipped IFBench test prompts. */
    public static final String IFBENCH = "ifbench";
    /** The names, for help texts. */
    public static final String NAMES = IFEVAL + "|" + IFBENCH;

    private static final Map<String, Supplier<Path>> SHIPPED = Map.of(
            IFEVAL, Examples::tasks,
            IFBENCH, Examples::ifbenchPrompts);

    /** The responses shipped with each named dataset (IFEval's GPT-4 responses, IFBench's sample output). */
    private static final Map<String, Supplier<Path>> SHIPPED_RESPONSES = Map.of(
            IFEVAL, Examples::traces,
            IFBENCH, Examples::ifbenchResponses);

    private Datasets() {
    }

    /**
     * The responses shipped with a named dataset.
     *
     * @throws BadInputException for a path (it has no shipped responses) or a missing file
     */
    public static Path shippedResponses(String dataset) {
        Supplier<Path> shipped = SHIPPED_RESPONSES.get(dataset);
        if (shipped == null) {
            throw new BadInputException("--dataset " + dataset + " has no shipped responses: give --responses");
        }
        return shippedFile(dataset, shipped);
    }

    /**
     * {@code ifeval}, {@code ifbench}: the project's shipped prompts ({@link Examples}), so the command works from
     * any folder. Anything else is a path.
     *
     * @throws BadInputException when the file is not there
     */
    public static Path resolve(String dataset) {
        Supplier<Path> shipped = SHIPPED.get(dataset);
        if (shipped == null) {
            Path file = Path.of(dataset);
            if (!Files.isRegularFile(file)) {
                throw new BadInputException("--dataset " + dataset + ": no such file (give " + IFEVAL + ", "
                        + IFBENCH + " or the path of an IFEval or IFBench prompts file)");
            }
            return file;
        }
        return shippedFile(dataset, shipped);
    }

    private static Path shippedFile(String dataset, Supplier<Path> shipped) {
        try {
            Path file = shipped.get();
            if (!Files.isRegularFile(file)) {
                throw new BadInputException("--dataset " + dataset + ": " + file + " is missing; or give"
                        + " --dataset PATH");
            }
            return file;
        } catch (IllegalStateException e) {
            throw new BadInputException("--dataset " + dataset + ": " + e.getMessage()
                    + "; or give --dataset PATH");
        }
    }
}
