package io.trace2train.bench.ifeval;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where {@code --dataset} points: {@code ifeval}, the shipped IFEval prompts, or a path. */
public final class Datasets {

    /** The name of the shipped IFEval prompts. */
    public static final String IFEVAL = "ifeval";
    /** Where the shipped prompts are, relative to the project (and the usual working) folder. */
    public static final Path SHIPPED = Path.of("examples", "ifeval", "input_data.jsonl");

    private Datasets() {
    }

    /**
     * {@code ifeval}: {@link #SHIPPED} relative to the working folder, else relative to the project folder this code
     * was built in (found upwards from its jar or classes folder), so the command works from any folder. Anything else
     * is a path.
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
        List<Path> looked = new ArrayList<>();
        Path here = SHIPPED.toAbsolutePath();
        looked.add(here);
        if (Files.isRegularFile(here)) {
            return here;
        }
        for (Path folder = codeLocation(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve(SHIPPED);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        looked.add(Path.of("<the folders above " + codeLocation() + ">").resolve(SHIPPED));
        throw new IllegalArgumentException("--dataset ifeval: the shipped prompts are not at " + looked + "; run from"
                + " the project folder or give --dataset PATH");
    }

    private static Path codeLocation() {
        try {
            return Path.of(Datasets.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }
}
