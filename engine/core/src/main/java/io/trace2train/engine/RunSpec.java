package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.engine.run.AgentBudget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a run (or rollout) is asked to do: for {@link Runs#start} every setting, for {@link Runs#resume} only those
 * {@link #given() given} are compared with the run's manifest (the run goes on with its own). Build one with
 * {@link #builder()}; every setting has the command line's default.
 *
 * @param tasks the tasks file (JSONL task specs or IFEval prompt rows); null on a resume takes the manifest's
 * @param mode {@code direct}, {@code prompt_retry} or {@code full_pcl}
 * @param backend the model backend's name
 * @param backendOptions the backend's options
 * @param firstAttempts recorded answers that answer each task's own conversation, or null
 * @param seed the run seed
 * @param temperature sampling temperature
 * @param topP nucleus sampling mass
 * @param maxNewTokens tokens to generate at most
 * @param stop stop sequences
 * @param retries prompt_retry's retries
 * @param rounds full_pcl's repair rounds
 * @param reward the reward function every record is scored with (where not given: {@code state} for tasks that act
 *     in an environment, else {@code constraint_share})
 * @param forks how each task is forked, or null for a plain run
 * @param concurrency units run at once
 * @param unitTimeout a unit's wall-time limit
 * @param budget what each episode of an agent task may use (steps, tool calls, tokens, wall time)
 * @param given the settings given explicitly (those a resume compares with the manifest)
 * @param meters where the runner's meters go, or null for a registry of the run's own
 * @param listener told about the run's progress, or null
 * @param model a backend the caller opened and closes, run on as is (e.g. one model loaded once for many runs), or
 *     null: the run opens {@code backend} with its options (and checks it) and closes it
 */
public record RunSpec(@Nullable Path tasks, String mode, String backend, Map<String, String> backendOptions,
        @Nullable Path firstAttempts, long seed, double temperature, double topP, int maxNewTokens, List<String> stop,
        int retries, int rounds, String reward, @Nullable Forks forks, int concurrency, Duration unitTimeout,
        Budget budget, Set<Setting> given, @Nullable MeterRegistry meters, @Nullable RunListener listener,
        @Nullable ModelBackend model) {

    public RunSpec {
        requireNonNull(mode, "mode");
        requireNonNull(backend, "backend");
        backendOptions = Map.copyOf(new LinkedHashMap<>(requireNonNull(backendOptions, "backendOptions")));
        stop = List.copyOf(stop);
        requireNonNull(reward, "reward");
        requireNonNull(unitTimeout, "unitTimeout");
        requireNonNull(budget, "budget");
        given = Set.copyOf(given);
    }

    /** The same spec with another reward, not marked given (a default the tasks chose). */
    public RunSpec withReward(String name) {
        return new RunSpec(tasks, mode, backend, backendOptions, firstAttempts, seed, temperature, topP, maxNewTokens,
                stop, retries, rounds, name, forks, concurrency, unitTimeout, budget, given, meters, listener, model);
    }

    /**
     * What each episode of an agent task may use, as given: the run checks it ({@link AgentBudget} has the ranges) and
     * names every setting out of range.
     */
    public record Budget(int maxSteps, int maxToolCalls, long maxTokens, Duration episodeTimeout) {

        public Budget {
            requireNonNull(episodeTimeout, "episodeTimeout");
        }
    }

    /**
     * How a rollout forks each task.
     *
     * @param count forks per task
     * @param temperatures each fork's temperature: {@code T}, {@code T1,T2,...} (cycled) or {@code linear:LOW:HIGH};
     *     null for the run's temperature
     * @param stopAfterPasses once this many forks of a task passed, the rest are skipped or cancelled; 0 for never
     * @param branchAt agent tasks: the forks of a task share the episode's first {@code branchAt} agent model calls
     *     (computed once, with the run seed at the run's temperature) and each continues from there; 0 for none
     */
    public record Forks(int count, @Nullable String temperatures, int stopAfterPasses, int branchAt) {

        /** Forks that each run their whole episode. */
        public Forks(int count, @Nullable String temperatures, int stopAfterPasses) {
            this(count, temperatures, stopAfterPasses, 0);
        }
    }

    /** The settings of a run, by the name engine messages use. */
    public enum Setting {
        TASKS("tasks"), MODE("mode"), BACKEND("backend"), FIRST_ATTEMPTS("first attempts"), SEED("seed"),
        TEMPERATURE("temperature"), TOP_P("top_p"), MAX_NEW_TOKENS("max_new_tokens"), STOP("stop"),
        RETRIES("retries"), ROUNDS("rounds"), REWARD("reward"), FORKS("forks"), TEMPERATURES("temperatures"),
        STOP_AFTER_PASSES("stop after passes"), BRANCH_AT("branch at"), CONCURRENCY("concurrency"), UNIT_TIMEOUT("unit timeout"),
        MAX_STEPS("max steps"), MAX_TOOL_CALLS("max tool calls"), MAX_TOKENS("max tokens"),
        EPISODE_TIMEOUT("episode timeout");

        private final String label;

        Setting(String label) {
            this.label = label;
        }

        /** The setting's name in messages. */
        public String label() {
            return label;
        }
    }

    /** Told about a run's progress, from the run's threads (records from the worker threads). */
    public interface RunListener {

        /** Something the run did to its folder before it started (e.g. cut a torn last line). */
        default void note(String message) {
        }

        /** The run starts: {@code units} in all, {@code alreadyDone} of them with a record from before. */
        default void started(long units, long alreadyDone) {
        }

        /** A unit finished and its record was appended. */
        default void finished(ComplianceRecord record) {
        }

        /** A unit not run because enough forks of its task passed. */
        default void skipped() {
        }

        /** Every unit has run (called also when the run failed). */
        default void ended() {
        }
    }

    /** A spec with the command line's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The command line's defaults; each setter marks its setting {@link #given() given}. */
    public static final class Builder {
        private Path tasks;
        private String mode = "direct";
        private String backend = "replay";
        private final Map<String, String> backendOptions = new LinkedHashMap<>();
        private Path firstAttempts;
        private long seed = 42;
        private double temperature = 0.7;
        private double topP = 0.95;
        private int maxNewTokens = 512;
        private List<String> stop = List.of();
        private int retries = 3;
        private int rounds = 3;
        private String reward = "constraint_share";
        private Forks forks;
        private int branchAt;
        private int concurrency = 2;
        private Duration unitTimeout = Duration.ofMinutes(10);
        private int maxSteps = AgentBudget.DEFAULT.maxSteps();
        private int maxToolCalls = AgentBudget.DEFAULT.maxToolCalls();
        private long maxTokens = AgentBudget.DEFAULT.maxTokens();
        private Duration episodeTimeout = AgentBudget.DEFAULT.wallTime();
        private final Set<Setting> given = EnumSet.noneOf(Setting.class);
        private MeterRegistry meters;
        private RunListener listener;
        private ModelBackend model;

        private Builder() {
        }

        /** The tasks file (JSONL task specs or IFEval prompt rows). */
        public Builder tasks(Path file) {
            tasks = requireNonNull(file, "tasks");
            given.add(Setting.TASKS);
            return this;
        }

        /** {@code direct}, {@code prompt_retry} or {@code full_pcl}. */
        public Builder mode(String name) {
            mode = requireNonNull(name, "mode");
            given.add(Setting.MODE);
            return this;
        }

        /** The model backend's name. */
        public Builder backend(String name) {
            backend = requireNonNull(name, "backend");
            given.add(Setting.BACKEND);
            return this;
        }

        /** Adds the backend's options (a resume compares each with the manifest's). */
        public Builder backendOptions(Map<String, String> options) {
            backendOptions.putAll(options);
            return this;
        }

        /** One backend option. */
        public Builder backendOption(String key, String value) {
            backendOptions.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
            return this;
        }

        /** Recorded answers taken as each task's first attempt. */
        public Builder firstAttempts(Path file) {
            firstAttempts = requireNonNull(file, "firstAttempts");
            given.add(Setting.FIRST_ATTEMPTS);
            return this;
        }

        /** The run seed. */
        public Builder seed(long value) {
            seed = value;
            given.add(Setting.SEED);
            return this;
        }

        /** The sampling temperature. */
        public Builder temperature(double value) {
            temperature = value;
            given.add(Setting.TEMPERATURE);
            return this;
        }

        /** The nucleus sampling mass. */
        public Builder topP(double value) {
            topP = value;
            given.add(Setting.TOP_P);
            return this;
        }

        /** The most tokens to generate. */
        public Builder maxNewTokens(int value) {
            maxNewTokens = value;
            given.add(Setting.MAX_NEW_TOKENS);
            return this;
        }

        /** Stop sequences. */
        public Builder stop(List<String> sequences) {
            stop = List.copyOf(sequences);
            given.add(Setting.STOP);
            return this;
        }

        /** prompt_retry's retries. */
        public Builder retries(int value) {
            retries = value;
            given.add(Setting.RETRIES);
            return this;
        }

        /** full_pcl's repair rounds. */
        public Builder rounds(int value) {
            rounds = value;
            given.add(Setting.ROUNDS);
            return this;
        }

        /** The reward function every record is scored with. */
        public Builder reward(String name) {
            reward = requireNonNull(name, "reward");
            given.add(Setting.REWARD);
            return this;
        }

        /** Makes the run a rollout: each task {@code count} times; the settings given mark what a resume compares. */
        public Builder forks(int count, @Nullable String temperatures, int stopAfterPasses) {
            forks = new Forks(count, temperatures, stopAfterPasses);
            return this;
        }

        /**
         * A rollout of agent tasks: each task's forks share its episode's first {@code steps} agent model calls and
         * branch there (0: none).
         */
        public Builder branchAt(int steps) {
            branchAt = steps;
            given.add(Setting.BRANCH_AT);
            return this;
        }

        /** Marks settings as given, e.g. a rollout's forks or temperature schedule. */
        public Builder given(Setting... settings) {
            given.addAll(List.of(settings));
            return this;
        }

        /** Drops settings from those given: a resume does not compare them (the builder's setters all mark theirs). */
        public Builder notGiven(Setting... settings) {
            List.of(settings).forEach(given::remove);
            return this;
        }

        /** Units run at once. */
        public Builder concurrency(int value) {
            concurrency = value;
            given.add(Setting.CONCURRENCY);
            return this;
        }

        /** A unit's wall-time limit. */
        public Builder unitTimeout(Duration value) {
            unitTimeout = requireNonNull(value, "unitTimeout");
            given.add(Setting.UNIT_TIMEOUT);
            return this;
        }

        /** Agent tasks: the agent's model calls per episode at most. */
        public Builder maxSteps(int value) {
            maxSteps = value;
            given.add(Setting.MAX_STEPS);
            return this;
        }

        /** Agent tasks: tool calls per episode at most. */
        public Builder maxToolCalls(int value) {
            maxToolCalls = value;
            given.add(Setting.MAX_TOOL_CALLS);
            return this;
        }

        /** Agent tasks: tokens (prompt and completion, every call) per episode at most. */
        public Builder maxTokens(long value) {
            maxTokens = value;
            given.add(Setting.MAX_TOKENS);
            return this;
        }

        /** Agent tasks: an episode's wall time at most. */
        public Builder episodeTimeout(Duration value) {
            episodeTimeout = requireNonNull(value, "episodeTimeout");
            given.add(Setting.EPISODE_TIMEOUT);
            return this;
        }

        /** Where the runner's meters go (a registry of the run's own when not given). */
        public Builder meters(MeterRegistry registry) {
            meters = requireNonNull(registry, "meters");
            return this;
        }

        /** Told about the run's progress. */
        public Builder listener(RunListener value) {
            listener = requireNonNull(value, "listener");
            return this;
        }

        /** Runs on this backend, opened (and later closed) by the caller; the manifest names {@code backend}. */
        public Builder model(ModelBackend opened) {
            model = requireNonNull(opened, "model");
            return this;
        }

        /** The spec; the run checks its settings, naming every wrong one. */
        public RunSpec build() {
            if (branchAt != 0 && forks == null) {
                throw new SettingException(Setting.BRANCH_AT, ": " + branchAt + " branches a rollout's forks: give"
                        + " forks too");
            }
            return new RunSpec(tasks, mode, backend, backendOptions, firstAttempts, seed, temperature, topP,
                    maxNewTokens, stop, retries, rounds, reward,
                    forks == null ? null : new Forks(forks.count(), forks.temperatures(), forks.stopAfterPasses(),
                            branchAt), concurrency, unitTimeout,
                    new Budget(maxSteps, maxToolCalls, maxTokens, episodeTimeout), given, meters, listener, model);
        }
    }
}
