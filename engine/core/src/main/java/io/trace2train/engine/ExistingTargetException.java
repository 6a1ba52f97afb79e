package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import io.trace2train.engine.io.BadInputException;
import java.nio.file.Path;

/** A file to write already exists and replacing it was not asked for: bad input, not a failure of the work. */
public final class ExistingTargetException extends BadInputException {

    private static final long serialVersionUID = 1L;

    private final Path file;

    /** @param file the file that exists */
    public ExistingTargetException(Path file) {
        super(requireNonNull(file, "file") + " already exists: choose another target, or allow overwriting it");
        this.file = file;
    }

    /** The file that exists. */
    public Path file() {
        return file;
    }
}
