package io.trace2train.engine.ifeval;

import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.task.LoadedTask;
import io.trace2train.engine.task.TaskLoader;
import io.trace2train.engine.verify.VerifierRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads IFEval prompt rows ({@code key, prompt, instruction_id_list, kwargs}) with their verifiers, through the one
 * task reader ({@link TaskLoader}). Accepts the Hugging Face copy too, where every kwargs object lists every key,
 * most of them null, and IFBench's test file, whose keys are strings (one file may mix both).
 */
public final class IfevalPromptReader {

    private final TaskLoader tasks;

    public IfevalPromptReader(VerifierRegistry verifiers) {
        this.tasks = new TaskLoader(verifiers);
    }

    /** @throws BadInputException listing every bad line, field, unknown id and wrong argument in the file */
    public List<IfevalPrompt> read(Path file) {
        return readTasks(file).stream().map(IfevalPromptReader::prompt).toList();
    }

    /**
     * The rows as tasks (one hard constraint per instruction, with its arguments), with their verifiers.
     *
     * @throws BadInputException listing every bad line, and every line that is a task but not an IFEval prompt row
     */
    public List<LoadedTask> readTasks(Path file) {
        List<LoadedTask> loaded = tasks.loadChecked(file);
        List<InputProblem> problems = new ArrayList<>();
        for (LoadedTask task : loaded) {
            if (!task.ifevalRow()) {
                problems.add(new InputProblem(file, task.line(), "instruction_id_list",
                        "expected an IFEval prompt row (key, prompt, instruction_id_list, kwargs)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return loaded;
    }

    /** The prompt an IFEval row's task stands for. */
    public static IfevalPrompt prompt(LoadedTask task) {
        if (!task.ifevalRow()) {
            throw new IllegalArgumentException("task " + task.task().id() + " is not an IFEval prompt row");
        }
        return new IfevalPrompt(task.task().id(), Harness.ofKey(task.textKey()), task.task().prompt(),
                task.task().constraints().stream().map(ConstraintSpec::verifier).toList(), task.verifiers());
    }
}
