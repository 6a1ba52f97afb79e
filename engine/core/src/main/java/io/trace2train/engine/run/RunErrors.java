package io.trace2train.engine.run;

import io.trace2train.api.backend.BackendException;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.record.ErrorKind;
import io.trace2train.api.record.RunError;
import io.trace2train.engine.io.BadInputException;

/** The one mapping from what ended a unit to its record's error, shared by single answers and agent episodes. */
public final class RunErrors {

    private RunErrors() {
    }

    /** The record's error for {@code e}, thrown at {@code stage}. */
    public static RunError classify(Throwable e, String stage) {
        if (e instanceof VerifierFailure failure) {
            return new RunError((failure.getCause() instanceof Error ? ErrorKind.CRASH : ErrorKind.VERIFIER).json(),
                    failure.getMessage(), stage);
        }
        if (e instanceof BackendException) {
            return new RunError(ErrorKind.BACKEND.json(), e.getMessage(), stage);
        }
        // the task's own arguments; any other IllegalArgumentException is an invariant of the engine's: internal
        if (e instanceof BadInputException || e instanceof InvalidArgumentsException) {
            return new RunError(ErrorKind.TASK.json(), e.getMessage(), stage);
        }
        return new RunError((e instanceof Error ? ErrorKind.CRASH : ErrorKind.INTERNAL).json(), e.toString(), stage);
    }
}
