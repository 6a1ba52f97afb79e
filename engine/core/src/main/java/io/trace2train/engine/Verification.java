package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import io.trace2train.engine.ifeval.AccuracyReport;
import io.trace2train.engine.ifeval.EvalResultsWriter;
import io.trace2train.engine.ifeval.IfevalEvaluator;
import io.trace2train.engine.ifeval.IfevalPrompt;
import io.trace2train.engine.ifeval.IfevalPromptReader;
import io.trace2train.engine.ifeval.PromptResult;
import io.trace2train.engine.ifeval.ResponseReader;
import io.trace2train.engine.ifeval.Responses;
import io.trace2train.engine.verify.Strictness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** IFEval's evaluation of recorded responses, strict and loose, as the reference computes it. */
public final class Verification {

    private final Engine engine;

    Verification(Engine engine) {
        this.engine = requireNonNull(engine, "engine");
    }

    /** The result file of one strictness in {@code folder}, e.g. {@code eval_results_strict.jsonl}. */
    public static Path resultsFile(Path folder, Strictness strictness) {
        return folder.resolve("eval_results_" + strictness.label() + ".jsonl");
    }

    /**
     * Judges the responses (joined to the prompts by exact prompt text) and writes the reference's result files into
     * {@code folder}.
     *
     * @param overwrite whether result files already in {@code folder} may be replaced
     * @throws io.trace2train.engine.io.BadInputException listing every bad prompt or response line
     * @throws ExistingTargetException when a result file exists and overwriting was not allowed
     */
    public VerifyResult files(Path prompts, Path responses, Path folder, boolean overwrite) throws IOException {
        return files(prompts, responses, folder, overwrite, IfevalEvaluator.DEFAULT_TIMEOUT);
    }

    /**
     * As {@link #files(Path, Path, Path, boolean)}, each prompt's checks abandoned past {@code timeout} (counted as
     * not followed, with an error).
     *
     * @throws StoppedException when too many abandoned checks still run to go on
     */
    public VerifyResult files(Path prompts, Path responses, Path folder, boolean overwrite, Duration timeout)
            throws IOException {
        if (!overwrite) {
            for (Strictness strictness : Strictness.values()) {
                if (Files.exists(resultsFile(folder, strictness))) {
                    throw new ExistingTargetException(resultsFile(folder, strictness));
                }
            }
        }
        List<IfevalPrompt> rows = new IfevalPromptReader(engine.verifiers()).read(prompts);
        VerifyResult judged = items(rows, ResponseReader.read(responses), timeout);
        Map<Strictness, Path> files = new EnumMap<>(Strictness.class);
        for (Strictness strictness : Strictness.values()) {
            files.put(strictness, resultsFile(folder, strictness));
            EvalResultsWriter.write(files.get(strictness),
                    judged.judged().stream().map(j -> j.result(strictness)).toList());
        }
        return new VerifyResult(judged.judged(), judged.reports(), judged.missing(), files);
    }

    /** Judges in-memory prompts against responses by exact prompt text; writes nothing. */
    public VerifyResult items(List<IfevalPrompt> prompts, Map<String, String> responses) {
        return items(prompts, Responses.of(responses));
    }

    /** Judges prompts against responses, each found by its prompt's harness rule; writes nothing. */
    public VerifyResult items(List<IfevalPrompt> prompts, Responses responses) {
        return items(prompts, responses, IfevalEvaluator.DEFAULT_TIMEOUT);
    }

    /**
     * As {@link #items(List, Responses)}, each prompt's checks abandoned past {@code timeout}.
     *
     * @throws StoppedException when too many abandoned checks still run to go on
     */
    public VerifyResult items(List<IfevalPrompt> prompts, Responses responses, Duration timeout) {
        List<String> missing = prompts.stream().filter(r -> responses.of(r) == null).map(IfevalPrompt::key)
                .toList();
        List<IfevalEvaluator.JudgedPrompt> judged;
        try {
            judged = IfevalEvaluator.judge(prompts, responses, timeout);
        } catch (IfevalEvaluator.ChecksStuckException e) {
            throw new StoppedException(e.getMessage(), e);
        }
        Map<Strictness, AccuracyReport> reports = new EnumMap<>(Strictness.class);
        for (Strictness strictness : Strictness.values()) {
            List<PromptResult> results = judged.stream().map(j -> j.result(strictness)).toList();
            reports.put(strictness, AccuracyReport.of(results));
        }
        return new VerifyResult(judged, reports, missing, Map.of());
    }

    /**
     * The evaluation stopped: checks that ignored their deadline still run, each burning a core, past the number an
     * evaluation tolerates. A failure of the work (a plugin stuck in a loop), neither bad input nor an engine bug.
     */
    public static final class StoppedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        StoppedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
