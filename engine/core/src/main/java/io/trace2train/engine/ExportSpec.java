package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an export is asked to do: training rows of one format from run folders into one file. Build one with
 * {@link #builder(String, Path)}.
 *
 * @param runs run (or rollout) folders, exported one after the other
 * @param format {@code sft}, {@code dpo}, {@code kto}, {@code rewards} or a plugin's
 * @param flavor the format's flavor ({@code trl}, {@code openai}), or null for the format's first
 * @param options the format's options (e.g. dpo's {@code pairs=all})
 * @param passOnly only rows whose (chosen) completion passes every hard constraint
 * @param minReward only rows whose (chosen) completion has at least this reward, or null for no minimum
 * @param maxPerTask rows per task at most, best first; 0 for no cap
 * @param dedupe drop rows whose prompt and completion repeat an earlier row's
 * @param target the JSONL file to write
 * @param overwrite whether an existing target (and its trace) may be replaced
 * @param parquet whether the target is a Hub dataset folder of Parquet files (with its card) rather than a JSONL file
 * @param validationShare the share of tasks whose rows go to a {@code validation} split; 0 for one {@code train}
 * @param splitSeed the seed of the split by task
 */
public record ExportSpec(List<Path> runs, String format, @Nullable String flavor, Map<String, String> options,
        boolean passOnly, @Nullable Double minReward, int maxPerTask, boolean dedupe, Path target, boolean overwrite,
        boolean parquet, double validationShare, long splitSeed) {

    /** The validation share's name in messages. */
    public static final String VALIDATION_SHARE = "validation share";

    /** The most rows per task's name in messages (the export settings are named so in {@link SettingException}). */
    public static final String MAX_PER_TASK = "max per task";
    /** The minimum reward's name in messages. */
    public static final String MIN_REWARD = "min reward";
    /** The run folders' name in messages. */
    public static final String RUNS = "runs";
    /** The {@code sft} option choosing which assistant turns of an agent episode a row trains on: all or final. */
    public static final String TRAIN_ON = "train-on";

    public ExportSpec {
        runs = List.copyOf(runs);
        requireNonNull(format, "format");
        options = Map.copyOf(options);
        requireNonNull(target, "target");
    }

    /** An export of {@code format} into {@code target}, with the command line's defaults. */
    public static Builder builder(String format, Path target) {
        return new Builder(format, target);
    }

    /** Defaults: no filter but de-duplication, the format's first flavor, no overwriting. */
    public static final class Builder {
        private final List<Path> runs = new ArrayList<>();
        private final String format;
        private final Path target;
        private String flavor;
        private final Map<String, String> options = new LinkedHashMap<>();
        private boolean passOnly;
        private Double minReward;
        private int maxPerTask;
        private boolean dedupe = true;
        private boolean overwrite;
        private boolean parquet;
        private double validationShare;
        private long splitSeed;

        private Builder(String format, Path target) {
            this.format = requireNonNull(format, "format");
            this.target = requireNonNull(target, "target");
        }

        /** Adds a run folder to export. */
        public Builder run(Path folder) {
            runs.add(requireNonNull(folder, "folder"));
            return this;
        }

        /** Adds run folders to export. */
        public Builder runs(List<Path> folders) {
            folders.forEach(this::run);
            return this;
        }

        /** @param name the flavor, or null for the format's first */
        public Builder flavor(@Nullable String name) {
            flavor = name;
            return this;
        }

        /** The format's options. */
        public Builder options(Map<String, String> values) {
            options.putAll(values);
            return this;
        }

        /**
         * Which assistant turns of an agent episode an {@code sft} row trains on: {@code all} (the format's default)
         * or {@code final}; null leaves the format's default.
         */
        public Builder trainOn(String value) {
            if (value != null) {
                options.put(TRAIN_ON, value);
            }
            return this;
        }

        /** Whether only passing records become rows. */
        public Builder passOnly(boolean value) {
            passOnly = value;
            return this;
        }

        /** @param value the least reward, or null for no minimum */
        public Builder minReward(@Nullable Double value) {
            minReward = value;
            return this;
        }

        /** The most rows per task; 0 for no cap. */
        public Builder maxPerTask(int value) {
            maxPerTask = value;
            return this;
        }

        /** Whether rows with the same content are written once. */
        public Builder dedupe(boolean value) {
            dedupe = value;
            return this;
        }

        /** Whether an existing target (and its trace) may be replaced. */
        public Builder overwrite(boolean value) {
            overwrite = value;
            return this;
        }

        /** Whether to write a Hub dataset folder of Parquet files (the target) rather than a JSONL file. */
        public Builder parquet(boolean value) {
            parquet = value;
            return this;
        }

        /** The share of tasks in a {@code validation} split (0: one {@code train} split), by task with {@code seed}. */
        public Builder split(double share, long seed) {
            validationShare = share;
            splitSeed = seed;
            return this;
        }

        /** The spec; the export checks its settings. */
        public ExportSpec build() {
            return new ExportSpec(runs, format, flavor, options, passOnly, minReward, maxPerTask, dedupe, target,
                    overwrite, parquet, validationShare, splitSeed);
        }
    }
}
