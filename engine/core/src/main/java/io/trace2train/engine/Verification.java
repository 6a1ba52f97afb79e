package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import io.trace2train.engine.ifeval.AccuracyReport;
import io.trace2train.engine.ifeval.EvalResultsWriter;
import io.trace2train.engine.ifeval.IfevalEvaluator;
import io.trace2train.engine.ifeval.IfevalPrompt;
import io.trace2train.engine.ifeval.IfevalPromptReader;
import io.trace2train.engine.ifeval.PromptResult;
import io.trace2train.engine.ifeval.PromptRows;
import io.trace2train.engine.ifeval.ResponseReader;
import io.trace2train.engine.ifeval.Responses;
import io.trace2train.engine.io.Digests;
import io.trace2train.engine.task.LoadedTask;
import io.trace2train.engine.task.PromptSample;
import io.trace2train.engine.verify.Strictness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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

    /** One result as a row of the reference's result file ({@link #resultsFile}), without the line break. */
    public static String resultRow(PromptResult result) {
        return EvalResultsWriter.row(result);
    }

    /**
     * The prompt rows of an IFEval or IFBench input file, each with its verifiers built.
     *
     * @throws io.trace2train.engine.io.BadInputException listing every bad line, field, unknown instruction id and
     *     wrong argument, and every line that is a task but not a prompt row
     */
    public List<IfevalPrompt> prompts(Path file) {
        return new IfevalPromptReader(engine.verifiers()).read(file);
    }

    /**
     * The recorded responses of a responses file ({@code prompt, response} rows), each found by its prompt's harness
     * rule.
     *
     * @throws io.trace2train.engine.io.BadInputException listing every bad line
     */
    public Responses responses(Path file) {
        return ResponseReader.read(file);
    }

    /**
     * Judges one response strictly and loosely on the calling thread, without a deadline: one output's verdict, and
     * the evaluation's own cost where a benchmark times it (the file and item evaluations spread prompts over threads
     * and watch each against a deadline).
     *
     * @param response the response, or null for none (judged as an empty one)
     */
    public IfevalEvaluator.JudgedPrompt judge(IfevalPrompt prompt, @Nullable String response) {
        return IfevalEvaluator.judge(prompt, response);
    }

    /**
     * A fixed, reproducible sample of a prompts file's rows: the rows {@link Examples#sampleIndices} picks, written
     * again as IFEval prompt rows in dataset order (keys as the file writes them), so the sample is itself a prompts
     * file and a tasks file.
     *
     * @param limit prompts to draw; 0, or at least the file's, takes every prompt
     * @throws io.trace2train.engine.io.BadInputException as {@link #prompts(Path)}
     * @throws IOException when the file cannot be read
     */
    public Sample sample(Path dataset, int limit, long seed) throws IOException {
        List<LoadedTask> all = new IfevalPromptReader(engine.verifiers()).readTasks(dataset);
        List<LoadedTask> drawn = Arrays.stream(PromptSample.indices(all.size(), limit, seed)).mapToObj(all::get)
                .toList();
        String rows = PromptRows.write(drawn);
        return new Sample(all.size(), drawn.size(), Digests.sha256(dataset), rows,
                Digests.sha256(rows.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A sample of a prompts file.
     *
     * @param datasetPrompts the prompts in the file
     * @param prompts the prompts drawn
     * @param datasetSha256 the file's digest, {@code sha256:<hex>}
     * @param rows the drawn rows, one JSON object a line
     * @param rowsSha256 the digest of {@code rows} in UTF-8
     */
    public record Sample(int datasetPrompts, int prompts, String datasetSha256, String rows, String rowsSha256) {

        public Sample {
            requireNonNull(datasetSha256, "datasetSha256");
            requireNonNull(rows, "rows");
            requireNonNull(rowsSha256, "rowsSha256");
        }
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
