package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.engine.episode.LogFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import of agent logs does: which log, in which format, replayed in which environment, scored by which
 * reward, with which constraints on top of the format's. Built with {@link #builder}.
 *
 * @param format {@code openai} or {@code tau-bench}
 * @param input the log file
 * @param environment the environment every episode is replayed in; null for the format's default (τ-bench:
 *     {@code tau-airline}; OpenAI: each line's own {@code environment}, if any)
 * @param environmentOptions the environment's options
 * @param reward the reward function; null for the default ({@code state} where the episodes have an environment and
 *     a plugin provides it, else {@code constraint_share})
 * @param constraints constraints applied to every episode, beside the log's own
 * @param concurrency episodes imported at once
 * @param listener told about progress; may be null
 */
public record ImportSpec(String format, Path input, String environment, Map<String, String> environmentOptions,
        String reward, List<ConstraintSpec> constraints, int concurrency, ImportListener listener) {

    /** The environment τ-bench logs are replayed in unless another is named. */
    public static final String TAU_BENCH_ENVIRONMENT = io.trace2train.engine.episode.LogFormat.TAU_BENCH_ENVIRONMENT;

    public ImportSpec {
        requireNonNull(format, "format");
        environmentOptions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environmentOptions));
        constraints = List.copyOf(constraints);
    }

    /** Told about an import's progress, from the importing thread. */
    public interface ImportListener {

        /** Something the import did to its folder before it went on (e.g. cut a torn last line). */
        default void note(String message) {
        }

        /** @param episodes episodes to import, @param done of those already in the folder (a resume) */
        default void started(int episodes, int done) {
        }

        default void imported(ComplianceRecord record) {
        }

        default void ended() {
        }
    }

    /** The format, checked. */
    public LogFormat logFormat() {
        try {
            return LogFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new SettingException("format", ": " + e.getMessage());
        }
    }

    public static Builder builder(String format, Path input) {
        return new Builder(format, input);
    }

    public static final class Builder {

        private final String format;
        private final Path input;
        private String environment;
        private final Map<String, String> environmentOptions = new LinkedHashMap<>();
        private String reward;
        private final List<ConstraintSpec> constraints = new ArrayList<>();
        private int concurrency = Math.max(1, Runtime.getRuntime().availableProcessors());
        private ImportListener listener;

        private Builder(String format, Path input) {
            this.format = requireNonNull(format, "format");
            this.input = requireNonNull(input, "input");
        }

        public Builder environment(String name) {
            environment = name;
            return this;
        }

        public Builder environmentOption(String key, String value) {
            environmentOptions.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
            return this;
        }

        public Builder environmentOptions(Map<String, String> options) {
            options.forEach(this::environmentOption);
            return this;
        }

        public Builder reward(String name) {
            reward = name;
            return this;
        }

        public Builder constraint(ConstraintSpec constraint) {
            constraints.add(requireNonNull(constraint, "constraint"));
            return this;
        }

        public Builder concurrency(int value) {
            concurrency = value;
            return this;
        }

        public Builder listener(ImportListener value) {
            listener = value;
            return this;
        }

        public ImportSpec build() {
            return new ImportSpec(format, input, environment, environmentOptions, reward, constraints, concurrency,
                    listener);
        }
    }
}
