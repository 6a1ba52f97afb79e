package io.trace2train.api.backend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes a quantised copy of a model folder for its backend: smaller weights that load and decode faster. */
public interface ModelQuantizer {

    /** The weight types it writes, e.g. {@code Q4}. */
    List<String> types();

    /**
     * @param model a model folder, never modified
     * @param type one of {@link #types()}, in any case
     * @param target an empty or missing folder for the result
     * @return the result folder
     * @throws IllegalArgumentException for an unknown type, a non-empty target or a model it cannot quantise, saying
     *     which
     * @throws IOException when reading or writing fails
     */
    Path quantize(Path model, String type, Path target) throws IOException;
}
