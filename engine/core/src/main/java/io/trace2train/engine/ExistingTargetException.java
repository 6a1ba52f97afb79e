package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** A file to write already exists and replacing it was not asked for: bad input, not a failure of the work. */
public final class ExistingTargetException extends IllegalArgumentException {

    private final Path file;

    public ExistingTargetException(Path file) {
        super(requireNonNull(file, "file") + " already exists: choose another target, or allow overwriting it");
        this.file = file;
    }

    /** The file that exists. */
    public Path file() {
        return file;
    }
}
