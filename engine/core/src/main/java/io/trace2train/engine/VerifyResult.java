package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import io.trace2train.engine.ifeval.AccuracyReport;
import io.trace2train.engine.ifeval.IfevalEvaluator.JudgedPrompt;
import io.trace2train.engine.verify.Strictness;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an IFEval-style evaluation found: each prompt judged strictly and loosely, the accuracy figures, and the files
 * written.
 *
 * @param judged every prompt, in the prompts' order
 * @param reports prompt- and instruction-level accuracy, per strictness
 * @param missing keys of the prompts that had no response (they count as failed)
 * @param files the reference's result file per strictness ({@code eval_results_strict.jsonl}, ...); empty when none
 *     was written
 */
public record VerifyResult(List<JudgedPrompt> judged, Map<Strictness, AccuracyReport> reports, List<String> missing,
        Map<Strictness, Path> files) {

    public VerifyResult {
        judged = List.copyOf(judged);
        reports = java.util.Collections.unmodifiableMap(new EnumMap<>(requireNonNull(reports, "reports")));
        missing = List.copyOf(missing);
        files = files.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(files));
    }

    /** Keys of the prompts with an instruction that could not be checked within its work budget. */
    public List<String> notCheckable() {
        return judged.stream().filter(j -> j.loose().anyNotCheckable()).map(j -> j.loose().prompt().key()).toList();
    }

    /** The prompts with an instruction whose check failed (counted as not followed). */
    public List<JudgedPrompt> errored() {
        return judged.stream().filter(j -> !j.errors().isEmpty()).toList();
    }
}
