package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trace2train.api.backend.ForkSampling;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.RunError;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.RunSpec.Setting;
import io.trace2train.api.backend.ForwardingBackend;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.engine.config.NamedOptions;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.Digests;
import io.trace2train.engine.rollout.ForkPlan;
import io.trace2train.engine.rollout.Rankings;
import io.trace2train.engine.rollout.TemperatureSchedule;
import io.trace2train.engine.run.AgentBudget;
import io.trace2train.engine.run.ComplianceRunner;
import io.trace2train.engine.run.Mode;
import io.trace2train.engine.run.WorkUnit;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.engine.store.RunExecutor;
import io.trace2train.engine.store.RunManifest;
import io.trace2train.engine.task.TaskLoader;
import io.trace2train.engine.task.TaskStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Runs and rollouts into run folders: {@link #start} a new one, {@link #resume} a killed one. The whole tasks file is
 * checked first (every problem at once) and then streamed; the backend is created and passes its pre-flight check
 * before a new folder is made, so a run that cannot start leaves nothing behind; the folder is locked for the run's
 * life; a resume refuses a setting given that differs from its manifest's.
 */
public final class Runs {

    private final Engine engine;

    Runs(Engine engine) {
        this.engine = requireNonNull(engine, "engine");
    }

    /**
     * Starts a run in a new folder.
     *
     * @param folder the run folder to create (empty or absent)
     * @throws SettingException for a setting out of range
     * @throws io.trace2train.engine.io.BadInputException listing every problem of the tasks file
     * @throws io.trace2train.engine.io.BadInputException for a folder that holds a run, an unknown backend
     * @throws io.trace2train.api.backend.BackendException when the backend fails its pre-flight check
     */
    public RunResult start(Path folder, RunSpec spec) throws IOException, InterruptedException {
        requireNonNull(folder, "folder");
        if (spec.tasks() == null) {
            throw new SettingException(Setting.TASKS, ": a new run needs its tasks file (only a resume takes it from"
                    + " the run's manifest)");
        }
        TaskLoader loader = new TaskLoader(engine.verifiers());
        AgentTasks agents = new AgentTasks(spec.tasks());
        int taskCount = loader.check(spec.tasks(), agents);
        agents.refuseUnknownEnvironments();
        if (agents.environment() && !spec.given().contains(Setting.REWARD)
                && engine.rewards().all().containsKey(Imports.STATE_REWARD)) {
            // τ-bench's rule: an episode in a world is rewarded for the state it leaves and what it told the user
            spec = spec.withReward(Imports.STATE_REWARD);
        }
        String digest = Digests.sha256(spec.tasks());
        RunManifest manifest = manifest(spec, spec.tasks().toString(), digest);
        RunExecutor.Limits limits = limits(spec, manifest);
        ModelBackend model = backend(manifest, spec);
        refuseAgents(agents, manifest, model);
        RunDirectory directory;
        try {
            directory = RunDirectory.create(folder, manifest);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
        try (directory) {
            return run(directory, model, spec, limits, loader, spec.tasks(), taskCount);
        }
    }

    /**
     * Continues the run in {@code folder} with its manifest's settings: finished units are skipped, a torn last line
     * is cut. Settings {@link RunSpec#given() given} in {@code overrides} must agree with the manifest; its
     * concurrency and unit timeout (for a plain run) apply; its tasks file is read where the manifest's moved.
     *
     * @throws SettingException naming a given setting that differs from the manifest's
     */
    public RunResult resume(Path folder, RunSpec overrides) throws IOException, InterruptedException {
        requireNonNull(folder, "folder");
        RunManifest recorded = RunDirectory.readManifest(folder);
        Path tasksFile = tasksFile(overrides, recorded);
        TaskLoader loader = new TaskLoader(engine.verifiers());
        AgentTasks agents = new AgentTasks(tasksFile);
        int taskCount = loader.check(tasksFile, agents);
        String digest = Digests.sha256(tasksFile);
        refuseConflicts(recorded, manifest(overrides, recorded.tasksFile(), recorded.tasksSha256()),
                overrides.given());
        RunDirectory resumed = RunDirectory.resume(folder, digest);
        try (resumed) {
            RunManifest manifest = resumed.manifest();
            checkKind(manifest, overrides.forks() != null);
            RunExecutor.Limits limits = limits(overrides, manifest);
            ModelBackend model = backend(manifest, overrides);
            agents.refuseUnknownEnvironments();
            refuseAgents(agents, manifest, model);
            return run(resumed, model, overrides, limits, loader, tasksFile, taskCount);
        }
    }

    /**
     * Every task of a tasks file (JSONL task specs or IFEval prompt rows), checked first: every problem at once.
     *
     * @throws io.trace2train.engine.io.BadInputException listing every problem of the file
     */
    public List<TaskSpec> tasks(Path file) {
        return new TaskLoader(engine.verifiers()).load(file);
    }

    /**
     * Runs one task at a time in memory, as a run's workers do (generate, verify, repair in the spec's mode, score
     * with its reward), and keeps nothing: for a caller that stores records itself, or that measures the engine's own
     * cost per task. Takes the spec's mode, sampling, retries, rounds, reward and its {@link RunSpec#model() model},
     * which the caller opened and closes; no tasks file, forks or limits.
     *
     * @throws SettingException for a setting out of range, or no model
     */
    public Runner runner(RunSpec spec) {
        if (spec.model() == null) {
            throw new SettingException(Setting.BACKEND, ": a runner runs on a model the caller opened; give one");
        }
        RunManifest manifest = manifest(spec, "(in memory)", "(none)");
        MeterRegistry meters = spec.meters() != null ? spec.meters() : new SimpleMeterRegistry();
        ComplianceRunner runner = new ComplianceRunner(FolderRun.settings(manifest), spec.model(),
                engine.verifiers(), engine.repairStrategies(), engine.rewards().get(spec.reward()), meters);
        return runner::run;
    }

    /** Runs a task to its record; thread-safe. */
    @FunctionalInterface
    public interface Runner {

        /**
         * The task's record. A failure of the task itself (the backend gave up, the output could not be checked)
         * does not throw: the record carries the error.
         */
        ComplianceRecord run(String runId, TaskSpec task);
    }

    private RunResult run(RunDirectory folder, ModelBackend model, RunSpec spec, RunExecutor.Limits limits,
            TaskLoader loader, Path tasksFile, int taskCount) throws IOException, InterruptedException {
        RunSpec.RunListener listener = spec.listener() != null ? spec.listener() : new RunSpec.RunListener() {
        };
        folder.repairNote().ifPresent(listener::note);
        MeterRegistry meters = spec.meters() != null ? spec.meters() : new SimpleMeterRegistry();
        RunManifest manifest = folder.manifest();
        List<RunError> errors = Collections.synchronizedList(new ArrayList<>());
        RunExecutor.Summary summary;
        try (model; TaskStream tasks = loader.stream(tasksFile)) {
            listener.started((long) taskCount * ForkPlan.unitsPerTask(manifest), folder.finished().size());
            // a model that computes a shared prompt once makes the first answers of a task's forks together
            ForkPlan.Batching batching = new ForkPlan.Batching(model.forksSharePrompt(), folder.finished());
            summary = FolderRun.execute(engine, folder, model, ForkPlan.lazily(tasks, manifest, batching), limits,
                    meters, new RunExecutor.Progress() {
                        @Override
                        public void finished(ComplianceRecord record) {
                            if (record.error() != null) {
                                errors.add(record.error());
                            }
                            listener.finished(record);
                        }

                        @Override
                        public void skipped(WorkUnit unit) {
                            listener.skipped();
                        }
                    });
        } finally {
            listener.ended();
        }
        RunResult.Ranking ranking = null;
        if (manifest.rollout() != null && summary.stopped() == null) {
            Path file = folder.records().resolveSibling(Rankings.FILE);
            ranking = new RunResult.Ranking(file, manifest.rollout().forks(),
                    Rankings.write(folder.records(), manifest.rollout().forks(), file));
        }
        List<RunError> ended;
        synchronized (errors) {
            ended = List.copyOf(errors);
        }
        return RunResult.of(manifest, folder.records(), summary, ended, meterValues(meters), ranking);
    }

    /**
     * Whether a tasks file has agent tasks (tasks with tools), and whether any acts in an environment; learned while
     * the file is checked. Every environment named is checked too (a task that names an unknown one, or a wrong
     * option, is bad input, not an error record per task): the first such task is refused after the check, so the
     * file's own problems are reported first.
     */
    private final class AgentTasks implements Consumer<TaskSpec> {

        private final Path file;
        private boolean tools;
        private boolean environment;
        private @Nullable BadInputException refused;

        AgentTasks(Path file) {
            this.file = file;
        }

        @Override
        public void accept(TaskSpec task) {
            tools |= task.hasTools();
            if (task.environment() == null) {
                return;
            }
            environment = true;
            if (refused == null) {
                refused = environmentProblem(task);
            }
        }

        private @Nullable BadInputException environmentProblem(TaskSpec task) {
            var factory = engine.environments().find(task.environment().name()).orElse(null);
            if (factory == null) {
                return new BadInputException(file + ": task " + task.id() + ": " + NamedOptions.unknown("environment",
                        task.environment().name(), engine.environments().all().keySet()).getMessage());
            }
            try {
                NamedOptions.check("environment " + factory.name(), factory.options(), task.environment().options());
            } catch (InvalidArgumentsException e) {
                return new BadInputException(file + ": task " + task.id() + ": " + e.getMessage());
            }
            return null;
        }

        /** @throws BadInputException naming the first task whose environment is wrong */
        void refuseUnknownEnvironments() {
            if (refused != null) {
                throw refused;
            }
        }

        boolean tools() {
            return tools;
        }

        boolean environment() {
            return environment;
        }
    }

    /** Refuses, before any call, a run of agent tasks the loop cannot do: closes the backend and names why. */
    private static void refuseAgents(AgentTasks agents, RunManifest manifest, ModelBackend model) {
        if (!agents.tools()) {
            if (manifest.rollout() != null && manifest.rollout().branchAt() > 0) {
                model.close();
                throw new SettingException(Setting.BRANCH_AT, ": " + manifest.rollout().branchAt() + " branches the"
                        + " episodes of agent tasks (tasks with tools), and the tasks file has none");
            }
            return;
        }
        try {
            io.trace2train.engine.agent.AgentRunner.refuse(model);
        } catch (IllegalArgumentException e) {
            model.close();
            throw new SettingException(Setting.BACKEND, ": " + e.getMessage());
        }
    }

    /** The backend the run calls: the spec's own (kept open), or the manifest's, opened and checked now. */
    private ModelBackend backend(RunManifest manifest, RunSpec spec) {
        if (spec.model() == null) {
            return FolderRun.backend(engine, manifest, spec.backendOptions());
        }
        return FolderRun.withFirstAttempts(engine, manifest, new KeptOpen(spec.model()));
    }

    /** The caller's backend, which closing the run's does not close. */
    private static final class KeptOpen extends ForwardingBackend {

        KeptOpen(ModelBackend backend) {
            super(backend);
        }

        @Override
        public Generation generate(GenerationRequest request) {
            return backend.generate(request);
        }

        @Override
        public List<Generation> generateForks(GenerationRequest request, List<ForkSampling> forks) {
            return backend.generateForks(request, forks);
        }
    }

    /** Each meter's statistics by {@code name[tags].statistic}. */
    private static Map<String, Double> meterValues(MeterRegistry meters) {
        Map<String, Double> values = new TreeMap<>();
        for (Meter meter : meters.getMeters()) {
            String name = meter.getId().getName() + meter.getId().getTags().stream()
                    .map(t -> t.getKey() + "=" + t.getValue()).toList();
            meter.measure().forEach(m -> values.put(name + "." + m.getStatistic().getTagValueRepresentation(),
                    m.getValue()));
        }
        return values;
    }

    /** The tasks file given, or the manifest's. */
    private static Path tasksFile(RunSpec spec, RunManifest recorded) {
        if (spec.tasks() != null) {
            return spec.tasks();
        }
        Path file = Path.of(recorded.tasksFile());
        if (!Files.isRegularFile(file)) {
            throw new SettingException(Setting.TASKS, ": the tasks file of run " + recorded.runId() + ", " + file
                    + ", is not there (the manifest names it relative to where the run started): give it again");
        }
        return file;
    }

    /** The manifest of a run started with {@code spec}; checks every setting, and names every wrong one at once. */
    private static RunManifest manifest(RunSpec spec, String tasksFile, String digest) {
        List<SettingException.Problem> problems = new ArrayList<>();
        try {
            Mode.parse(spec.mode());
        } catch (IllegalArgumentException e) {
            problems.add(problem(Setting.MODE, ": " + e.getMessage()));
        }
        if (spec.retries() < 0) {
            problems.add(problem(Setting.RETRIES, " must be 0 or more, got " + spec.retries()));
        }
        if (spec.rounds() < 0) {
            problems.add(problem(Setting.ROUNDS, " must be 0 or more, got " + spec.rounds()));
        }
        if (spec.concurrency() < 1) {
            problems.add(problem(Setting.CONCURRENCY, " must be at least 1, got " + spec.concurrency()));
        }
        GenerationSettings generation = generation(spec, problems);
        RunManifest.RolloutManifest rollout = rollout(spec, problems);
        AgentBudget budget = budget(spec.budget(), problems);
        if (!problems.isEmpty()) {
            throw new SettingException(problems);
        }
        return RunManifest.start(spec.mode(), spec.backend(), spec.backendOptions(), generation, spec.retries(),
                spec.rounds(), tasksFile, digest, spec.reward(), rollout,
                spec.firstAttempts() == null ? null : spec.firstAttempts().toAbsolutePath().toString(), budget);
    }

    /** The agent budget, or null with each setting out of range added to {@code problems}. */
    private static @Nullable AgentBudget budget(RunSpec.Budget given, List<SettingException.Problem> problems) {
        int before = problems.size();
        if (given.maxSteps() < 1) {
            problems.add(problem(Setting.MAX_STEPS, " must be at least 1, got " + given.maxSteps()));
        }
        if (given.maxToolCalls() < 0) {
            problems.add(problem(Setting.MAX_TOOL_CALLS, " must be 0 or more, got " + given.maxToolCalls()));
        }
        if (given.maxTokens() < 1) {
            problems.add(problem(Setting.MAX_TOKENS, " must be at least 1, got " + given.maxTokens()));
        }
        if (given.episodeTimeout().toMillis() < 1) {
            problems.add(problem(Setting.EPISODE_TIMEOUT, " must be positive, got "
                    + given.episodeTimeout().toSeconds() + " s"));
        }
        return problems.size() > before ? null : new AgentBudget(given.maxSteps(), given.maxToolCalls(),
                given.maxTokens(), given.episodeTimeout());
    }

    private static SettingException.Problem problem(Setting setting, String problem) {
        return new SettingException.Problem(setting.label(), problem);
    }

    /**
     * The sampling settings, or null with the first wrong one added to {@code problems}; their own checks name the
     * setting first ("top_p must be ...").
     */
    private static @Nullable GenerationSettings generation(RunSpec spec, List<SettingException.Problem> problems) {
        try {
            return new GenerationSettings(spec.temperature(), spec.topP(), spec.seed(), spec.maxNewTokens(),
                    spec.stop());
        } catch (IllegalArgumentException e) {
            for (Setting setting : List.of(Setting.TEMPERATURE, Setting.TOP_P, Setting.MAX_NEW_TOKENS)) {
                if (e.getMessage().startsWith(setting.label() + " ")) {
                    problems.add(problem(setting, e.getMessage().substring(setting.label().length())));
                    return null;
                }
            }
            throw e;
        }
    }

    /** The rollout's settings (null for a plain run, or when one is wrong: added to {@code problems}). */
    private static RunManifest.@Nullable RolloutManifest rollout(RunSpec spec,
            List<SettingException.Problem> problems) {
        RunSpec.Forks forks = spec.forks();
        if (forks == null) {
            return null;
        }
        int before = problems.size();
        if (forks.count() < 1 || forks.count() > ForkPlan.MAX_FORKS) {
            problems.add(problem(Setting.FORKS, " must be between 1 and " + ForkPlan.MAX_FORKS + ", got "
                    + forks.count()));
        }
        String schedule = forks.temperatures() == null ? Double.toString(spec.temperature()) : forks.temperatures();
        try {
            new TemperatureSchedule(schedule);
        } catch (IllegalArgumentException e) {
            problems.add(problem(Setting.TEMPERATURES, ": " + e.getMessage()));
        }
        if (forks.stopAfterPasses() < 0) {
            problems.add(problem(Setting.STOP_AFTER_PASSES, " must be 0 or more, got " + forks.stopAfterPasses()));
        }
        if (forks.branchAt() < 0) {
            problems.add(problem(Setting.BRANCH_AT, " must be 0 (no shared prefix) or more, got "
                    + forks.branchAt()));
        }
        if (spec.unitTimeout().compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add(unitTimeoutProblem(spec));
        }
        return problems.size() > before ? null : new RunManifest.RolloutManifest(forks.count(), schedule,
                spec.unitTimeout().toSeconds(), forks.stopAfterPasses(), forks.branchAt());
    }

    private static SettingException.Problem unitTimeoutProblem(RunSpec spec) {
        return problem(Setting.UNIT_TIMEOUT, " must be at least 1 second, got " + spec.unitTimeout().toSeconds());
    }

    private static Duration unitTimeout(RunSpec spec) {
        if (spec.unitTimeout().compareTo(Duration.ofSeconds(1)) < 0) {
            throw new SettingException(List.of(unitTimeoutProblem(spec)));
        }
        return spec.unitTimeout();
    }

    /** Concurrency, timeout and early stop: a resumed rollout keeps its timeout unless one is given now. */
    private static RunExecutor.Limits limits(RunSpec spec, RunManifest manifest) {
        RunManifest.RolloutManifest rollout = manifest.rollout();
        Duration timeout = rollout != null && !spec.given().contains(Setting.UNIT_TIMEOUT)
                && rollout.forkTimeoutSeconds() > 0 ? Duration.ofSeconds(rollout.forkTimeoutSeconds())
                : unitTimeout(spec);
        return new RunExecutor.Limits(Math.max(1, spec.concurrency()), timeout,
                rollout == null ? 0 : rollout.stopAfterPasses());
    }

    private static void checkKind(RunManifest manifest, boolean rollout) {
        if (rollout && manifest.rollout() == null) {
            throw new SettingException("run", " " + manifest.runId() + " is a plain run, not a rollout: resume it as"
                    + " a plain run");
        }
        if (!rollout && manifest.rollout() != null) {
            throw new SettingException("run", " " + manifest.runId() + " is a rollout, not a plain run: resume it as"
                    + " a rollout");
        }
    }

    /**
     * Refuses a resume given a setting that differs from the manifest's: the run goes on with its own settings, so a
     * different one would be silently ignored.
     */
    private static void refuseConflicts(RunManifest recorded, RunManifest given, java.util.Set<Setting> settings) {
        Map<Setting, Function<RunManifest, Object>> compared = new LinkedHashMap<>();
        compared.put(Setting.MODE, RunManifest::mode);
        compared.put(Setting.BACKEND, RunManifest::backend);
        compared.put(Setting.SEED, m -> m.generation().seed());
        compared.put(Setting.TEMPERATURE, m -> m.generation().temperature());
        compared.put(Setting.TOP_P, m -> m.generation().topP());
        compared.put(Setting.MAX_NEW_TOKENS, m -> m.generation().maxNewTokens());
        compared.put(Setting.STOP, m -> m.generation().stop());
        compared.put(Setting.RETRIES, RunManifest::maxRetries);
        compared.put(Setting.ROUNDS, RunManifest::maxRounds);
        compared.put(Setting.REWARD, m -> m.reward() == null ? "constraint_share" : m.reward());
        compared.put(Setting.FIRST_ATTEMPTS, RunManifest::firstAttempts);
        compared.put(Setting.MAX_STEPS, m -> m.budget().maxSteps());
        compared.put(Setting.MAX_TOOL_CALLS, m -> m.budget().maxToolCalls());
        compared.put(Setting.MAX_TOKENS, m -> m.budget().maxTokens());
        compared.put(Setting.EPISODE_TIMEOUT, m -> m.budget().wallTime().toSeconds() + " s");
        if (recorded.rollout() != null && given.rollout() != null) {
            compared.put(Setting.FORKS, m -> m.rollout().forks());
            compared.put(Setting.TEMPERATURES, m -> m.rollout().temperatures());
            compared.put(Setting.UNIT_TIMEOUT, m -> m.rollout().forkTimeoutSeconds());
            compared.put(Setting.STOP_AFTER_PASSES, m -> m.rollout().stopAfterPasses());
            compared.put(Setting.BRANCH_AT, m -> m.rollout().branchAt());
        }
        List<SettingException.Problem> conflicts = new ArrayList<>();
        compared.forEach((setting, value) -> {
            if (settings.contains(setting) && !Objects.equals(value.apply(recorded), value.apply(given))) {
                conflicts.add(problem(setting, ": run " + recorded.runId() + " was started with "
                        + value.apply(recorded) + ", not " + value.apply(given) + "; a resume continues a run with"
                        + " its own settings: leave it out, or start a new run"));
            }
        });
        if (!conflicts.isEmpty()) {
            throw new SettingException(conflicts);
        }
    }
}
