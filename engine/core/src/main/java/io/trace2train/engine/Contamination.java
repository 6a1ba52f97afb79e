package io.trace2train.engine;

import io.trace2train.engine.dedup.BenchmarkIndex;
import io.trace2train.engine.dedup.BenchmarkPrompt;
import io.trace2train.engine.dedup.Benchmarks;
import java.nio.file.Path;
import java.util.List;

/**
 * Benchmark decontamination of training rows (what the {@code decontaminate} Spark job asks of the engine): the
 * benchmark prompts the project ships ({@code ifeval}, {@code ifbench}, {@code tau-airline}) and a user's own, and
 * their n-gram index that finds a training prompt sharing an n-gram with one. Needs no plugin.
 */
public final class Contamination {

    /** The usual decontamination n-gram: 13 words. */
    public static final int DEFAULT_NGRAM = 13;

    private Contamination() {
    }

    /**
     * The prompts of the named benchmarks and of the given files.
     *
     * @throws io.trace2train.engine.io.BadInputException for an unknown name or naming a file's bad lines
     */
    public static List<BenchmarkPrompt> benchmarks(List<String> names, List<Path> files) {
        return Benchmarks.load(names, files);
    }

    /** The {@code ngram}-word index of {@code prompts}. */
    public static BenchmarkIndex index(List<BenchmarkPrompt> prompts, int ngram) {
        return new BenchmarkIndex(prompts, ngram);
    }
}
