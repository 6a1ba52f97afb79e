package io.trace2train.engine;

import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.InputProblem;
import java.util.List;

/**
 * Every episode of a log is broken, so an import wrote nothing: each problem names the file, line and field. Front
 * doors tell it from a wrong setting (the same supertype) because the user's command was right and the log was not.
 */
public final class NothingImportedException extends BadInputException {

    private static final long serialVersionUID = 1L;

    NothingImportedException(List<InputProblem> problems) {
        super(problems);
    }
}
