package io.trace2train.cli;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.record.RunError;
import io.trace2train.engine.store.RunExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the units run now ended: passed, a failed answer (the model answered, the constraints did not hold) or an
 * error (the backend failed, a timeout, a bad task). An error says nothing about the model's compliance, so it is
 * counted apart, and a run in which every unit errored has failed (exit 1) even though every record was written.
 *
 * @param ran units run now
 * @param passed units run now that passed
 * @param errors the errors of the units run now that ended in one (an early stop's cancel is not one)
 */
record RunOutcome(int ran, int passed, List<RunError> errors) {

    /** The cancel of a fork after enough forks of its task passed: the work was not needed, nothing failed. */
    private static final String EARLY_STOP = "cancelled";

    RunOutcome {
        requireNonNull(errors, "errors");
        errors = errors.stream().filter(e -> !e.kind().equals(EARLY_STOP)).toList();
    }

    static RunOutcome of(RunExecutor.Summary summary, List<RunError> errors) {
        synchronized (errors) {
            return new RunOutcome(summary.passed() + summary.failed(), summary.passed(), List.copyOf(errors));
        }
    }

    int failedAnswers() {
        return ran - passed - errors.size();
    }

    /** Whether units ran and every one ended in an error: nothing the run produced says anything about the model. */
    boolean allErrored() {
        return ran > 0 && errors.size() == ran;
    }

    /** One line per distinct error (the most frequent three), with how many units ended in it. */
    List<String> describeErrors() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        errors.forEach(e -> counts.merge(e.kind() + " error in " + e.stage() + ": " + e.message(), 1, Integer::sum));
        List<String> lines = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                .forEach(e -> lines.add(e.getValue() + " of " + ran + " units ended in a " + e.getKey()));
        if (counts.size() > 3) {
            lines.add("... and " + (counts.size() - 3) + " other errors (see the records' error field)");
        }
        return lines;
    }
}
