package io.trace2train.engine;

import io.trace2train.engine.config.ProjectHome;
import io.trace2train.engine.task.PromptSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the installed project ships (IFEval's prompts, GPT-4's recorded answers, τ-bench's recorded agent episodes,
 * the embedded default model) and the fixed, reproducible sample of a dataset that the benchmark and the demo take.
 */
public final class Examples {

    private Examples() {
    }

    /**
     * The installed project's folder.
     *
     * @throws IllegalStateException saying what to do when no project can be found
     */
    public static Path home() {
        return ProjectHome.home();
    }

    /** IFEval's prompts as tasks ({@code examples/ifeval/input_data.jsonl}). */
    public static Path tasks() {
        return ProjectHome.resolve(ProjectHome.EXAMPLE_TASKS);
    }

    /** GPT-4's recorded answers to {@link #tasks()}. */
    public static Path traces() {
        return ProjectHome.resolve(ProjectHome.EXAMPLE_TRACES);
    }

    /** IFBench's test prompts ({@code examples/ifbench/IFBench_test.jsonl}). */
    public static Path ifbenchPrompts() {
        return ProjectHome.resolve("examples/ifbench/IFBench_test.jsonl");
    }

    /** IFBench's sample responses to {@link #ifbenchPrompts()}. */
    public static Path ifbenchResponses() {
        return ProjectHome.resolve("examples/ifbench/sample_output.jsonl");
    }

    /** τ-bench's 200 recorded GPT-4o airline episodes, one a line (what {@code import --format tau-bench} reads). */
    public static Path episodes() {
        return ProjectHome.resolve(ProjectHome.EXAMPLE_EPISODES);
    }

    /**
     * τ-bench's 50 airline tasks as live agent tasks ({@code examples/tau-bench/airline/tasks.jsonl}: the policy, the
     * user's opening, the tools, {@code tau-airline}, the user simulator's instruction and τ-bench's reward as
     * constraints).
     */
    public static Path tauBenchTasks() {
        return ProjectHome.resolve("examples/tau-bench/airline/tasks.jsonl");
    }

    /** The embedded default model's folder (stories260K). */
    public static Path defaultModel() {
        return ProjectHome.resolve(ProjectHome.DEFAULT_MODEL);
    }

    /**
     * The indices of {@code limit} of {@code size} prompts, in dataset order; the same arguments give the same sample
     * on every machine, and a limit of 0, or one at least {@code size}, takes every prompt.
     */
    public static int[] sampleIndices(int size, int limit, long seed) {
        return PromptSample.indices(size, limit, seed);
    }

    /** {@code limit} non-blank lines of a JSONL file, the sample of {@link #sampleIndices}, in the file's order. */
    public static List<String> sampleLines(Path file, int limit, long seed) throws IOException {
        List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .toList();
        return Arrays.stream(sampleIndices(rows.size(), limit, seed)).mapToObj(rows::get).toList();
    }
}
