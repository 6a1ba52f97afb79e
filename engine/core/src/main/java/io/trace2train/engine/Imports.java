package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.env.EnvironmentFactory;
import io.trace2train.api.env.EnvironmentSpec;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ForkInfo;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.engine.config.NamedOptions;
import io.trace2train.engine.episode.EpisodeImporter;
import io.trace2train.engine.episode.EpisodeLogReader;
import io.trace2train.engine.episode.LogFormat;
import io.trace2train.engine.episode.LoggedEpisode;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.Digests;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.io.OrderedPipeline;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.reward.ConstraintShareReward;
import io.trace2train.engine.rollout.Rankings;
import io.trace2train.engine.run.WorkUnit;
import io.trace2train.engine.store.RecordSink;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.engine.store.RunManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Agent logs into run folders: each episode becomes a task and a record (its constraints judged on the episode
 * replayed in its environment, its reward), appended to an ordinary run folder that {@link #resume} continues after
 * a kill. Episodes of one task key are its forks: the log is read twice, first to count them, then to import. A bad
 * episode is reported by file and line and skipped; the others are imported.
 */
public final class Imports {

    /** The manifest's backend: the answers came from a log. */
    static final String BACKEND = EpisodeImporter.LOG_BACKEND;
    private static final String FORMAT = "format";
    private static final String ENVIRONMENT = "environment";
    private static final String ENVIRONMENT_OPTION = "environment.";
    private static final String CONSTRAINTS = "constraints";
    /** The reward that scores episodes replayed in an environment, where a plugin provides it. */
    public static final String STATE_REWARD = "state";

    private final Engine engine;

    Imports(Engine engine) {
        this.engine = requireNonNull(engine, "engine");
    }

    /**
     * Imports a log into a new run folder.
     *
     * @throws SettingException for an unknown format or a log file that is not there
     * @throws BadInputException for an unknown environment, option, reward or constraint, or a folder that
     *     holds a run
     * @throws BadInputException when no episode of the log can be imported (every problem listed)
     */
    public ImportResult start(Path folder, ImportSpec spec) throws IOException, InterruptedException {
        requireNonNull(folder, "folder");
        requireNonNull(spec.input(), "input");
        LogFormat format = spec.logFormat();
        if (!Files.isRegularFile(spec.input())) {
            throw new SettingException("input", ": " + spec.input() + " is not a file");
        }
        EnvironmentSpec environment = environment(format, spec.environment(), spec.environmentOptions());
        String reward = reward(spec.reward(), environment);
        checkConstraints(format, spec.constraints());
        EpisodeImporter.Setup setup = new EpisodeImporter.Setup(format, spec.input(), environment, spec.constraints(),
                "pending", GenerationSettings.defaults());
        Plan plan = plan(setup);
        if (plan.units.isEmpty() && !plan.problems.isEmpty()) {
            throw new NothingImportedException(plan.problems);
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put(FORMAT, format.json());
        if (environment != null) {
            options.put(ENVIRONMENT, environment.name());
            environment.options().forEach((k, v) -> options.put(ENVIRONMENT_OPTION + k, v));
        }
        if (!spec.constraints().isEmpty()) {
            options.put(CONSTRAINTS, RecordJson.mapper().writeValueAsString(spec.constraints()));
        }
        RunManifest manifest = RunManifest.start("direct", BACKEND, options, setup.generation(), 0, 0,
                spec.input().toString(), Digests.sha256(spec.input()), reward, null, null,
                io.trace2train.engine.run.AgentBudget.DEFAULT);
        try (RunDirectory directory = RunDirectory.create(folder, manifest)) {
            return run(directory, setup, plan, spec);
        }
    }

    /**
     * Continues the import in {@code folder} with its manifest's settings: episodes with a record are skipped, a torn
     * last line is cut. The log must be the one it started with.
     *
     * @param input the log where it is now; null for the manifest's
     * @param listener told about progress; may be null
     */
    public ImportResult resume(Path folder, Path input, ImportSpec.ImportListener listener)
            throws IOException, InterruptedException {
        requireNonNull(folder, "folder");
        RunManifest recorded = RunDirectory.readManifest(folder);
        String formatName = recorded.backendOptions().get(FORMAT);
        if (!BACKEND.equals(recorded.backend()) || formatName == null) {
            throw new BadInputException(folder + " holds a run, not an import: resume it with `run --resume`");
        }
        Path log = input != null ? input : Path.of(recorded.tasksFile());
        if (!Files.isRegularFile(log)) {
            throw new SettingException("input", ": the log of import " + recorded.runId() + ", " + log + ", is not"
                    + " there (the manifest names it relative to where the import started): give it again");
        }
        ImportSpec spec = specOf(recorded, log, listener);
        try (RunDirectory directory = RunDirectory.resume(folder, Digests.sha256(log))) {
            EnvironmentSpec environment = spec.environment() == null ? null
                    : new EnvironmentSpec(spec.environment(), spec.environmentOptions());
            EpisodeImporter.Setup setup = new EpisodeImporter.Setup(spec.logFormat(), log, environment,
                    spec.constraints(), recorded.runId(), recorded.generation());
            if (listener != null) {
                directory.repairNote().ifPresent(listener::note); // the cut line's episode is imported again below
            }
            return run(directory, setup, plan(setup), spec);
        }
    }

    /** Resumes with the manifest's log. */
    public ImportResult resume(Path folder) throws IOException, InterruptedException {
        return resume(folder, null, null);
    }

    private static ImportSpec specOf(RunManifest manifest, Path log, ImportSpec.ImportListener listener)
            throws IOException {
        Map<String, String> options = manifest.backendOptions();
        ImportSpec.Builder builder = ImportSpec.builder(options.get(FORMAT), log).environment(options.get(ENVIRONMENT))
                .reward(manifest.reward()).listener(listener);
        options.forEach((k, v) -> {
            if (k.startsWith(ENVIRONMENT_OPTION)) {
                builder.environmentOption(k.substring(ENVIRONMENT_OPTION.length()), v);
            }
        });
        if (options.containsKey(CONSTRAINTS)) {
            for (ConstraintSpec c : RecordJson.mapper().readValue(options.get(CONSTRAINTS), ConstraintSpec[].class)) {
                builder.constraint(c);
            }
        }
        return builder.build();
    }

    /** The environment episodes are replayed in, checked: the one named, or τ-bench's by default. */
    private EnvironmentSpec environment(LogFormat format, String name, Map<String, String> options) {
        String chosen = name != null ? name : format == LogFormat.TAU_BENCH ? ImportSpec.TAU_BENCH_ENVIRONMENT : null;
        if (chosen == null) {
            if (!options.isEmpty()) {
                throw new SettingException(ENVIRONMENT, ": options " + options.keySet() + " given without an"
                        + " environment");
            }
            return null;
        }
        EnvironmentFactory factory = engine.environments().get(chosen);
        NamedOptions.check("environment " + chosen, factory.options(), options);
        return new EnvironmentSpec(chosen, options);
    }

    /** The reward named, or the default: the state reward where there is an environment and a plugin gives it. */
    private String reward(String name, EnvironmentSpec environment) {
        if (name != null) {
            engine.rewards().get(name);
            return name;
        }
        return defaultReward(engine, environment);
    }

    /** The reward of episodes when none is named: the state reward where there is an environment and a plugin gives it. */
    static String defaultReward(Engine engine, EnvironmentSpec environment) {
        return environment != null && engine.rewards().all().containsKey(STATE_REWARD) ? STATE_REWARD
                : ConstraintShareReward.NAME;
    }

    /** Every verifier the import will need exists, and the import's own constraints bind. */
    private void checkConstraints(LogFormat format, List<ConstraintSpec> extra) {
        List<String> needed = new ArrayList<>(EpisodeLogReader.STRUCTURAL);
        if (format == LogFormat.TAU_BENCH) {
            needed.addAll(List.of(EpisodeLogReader.STATE_MATCHES, EpisodeLogReader.TOLD_USER));
        }
        List<String> missing = needed.stream().filter(id -> engine.verifiers().factory(id).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new BadInputException("importing " + format.json() + " logs needs the verifiers "
                    + missing + ", which no loaded plugin provides (the agent plugin does)");
        }
        extra.forEach(c -> engine.verifiers().create(c.verifier(), c.arguments()));
    }

    /** Which episodes the log holds: each good one's task and fork, and every bad one's problems. */
    private record Plan(Map<Integer, WorkUnitRef> units, List<InputProblem> problems, int read) {
    }

    private record WorkUnitRef(String taskId, ForkInfo fork) {
    }

    /** The first reading: every episode's task key and fork; duplicates of a τ-bench task's trial are problems. */
    private static Plan plan(EpisodeImporter.Setup setup) {
        List<InputProblem> problems = new ArrayList<>();
        List<LoggedEpisode> keys = new ArrayList<>();
        new EpisodeLogReader(setup.format()).read(setup.file(), e -> keys.add(slim(e)), problems);
        Map<String, Integer> count = new HashMap<>();
        Map<String, Integer> maxTrial = new HashMap<>();
        Map<String, Integer> lineOfTrial = new HashMap<>();
        List<LoggedEpisode> kept = new ArrayList<>();
        for (LoggedEpisode e : keys) {
            if (e.trial() != null) {
                Integer first = lineOfTrial.putIfAbsent(e.taskKey() + "#" + e.trial(), e.line());
                if (first != null) {
                    problems.add(new InputProblem(setup.file(), e.line(), "trial", "task " + e.taskKey() + " trial "
                            + e.trial() + " again (first on line " + first + "): a trial is one episode"));
                    continue;
                }
                maxTrial.merge(e.taskKey(), e.trial(), Math::max);
            }
            count.merge(e.taskKey(), 1, Integer::sum);
            kept.add(e);
        }
        Map<Integer, WorkUnitRef> units = new TreeMap<>();
        Map<String, Integer> order = new HashMap<>();
        for (LoggedEpisode e : kept) {
            int forks = Math.max(count.get(e.taskKey()), maxTrial.getOrDefault(e.taskKey(), -1) + 1);
            int index = e.trial() != null ? e.trial() : order.merge(e.taskKey(), 1, Integer::sum) - 1;
            units.put(e.line(), new WorkUnitRef(e.taskKey(), new ForkInfo(index, forks)));
        }
        int read = units.size() + (int) problems.stream().map(InputProblem::line).distinct().count();
        problems.sort(java.util.Comparator.comparingInt(InputProblem::line));
        return new Plan(units, problems, read);
    }

    /** What the first reading keeps of an episode: its key, trial and line. */
    private static LoggedEpisode slim(LoggedEpisode e) {
        return new LoggedEpisode(e.taskKey(), e.trial(), List.of(), List.of(), List.of(), null, e.line(), null, null,
                null);
    }

    /** The second reading: imports every planned episode without a record, appending records in file order. */
    private ImportResult run(RunDirectory directory, EpisodeImporter.Setup pending, Plan plan, ImportSpec spec)
            throws IOException, InterruptedException {
        RunManifest manifest = directory.manifest();
        EpisodeImporter.Setup setup = new EpisodeImporter.Setup(pending.format(), pending.file(),
                pending.environment(), pending.constraints(), manifest.runId(), manifest.generation());
        RewardFunction reward = engine.rewards().get(manifest.reward());
        EpisodeImporter importer = new EpisodeImporter(setup, engine.verifiers(), engine.environments(), reward);
        ImportSpec.ImportListener listener = spec.listener() != null ? spec.listener()
                : new ImportSpec.ImportListener() {
                };
        Set<String> finished = directory.finished();
        int already = (int) plan.units.values().stream()
                .filter(u -> finished.contains(WorkUnit.key(u.taskId(), u.fork().index()))).count();
        List<InputProblem> problems = Collections.synchronizedList(new ArrayList<>(plan.problems));
        Tally tally = new Tally();
        if (spec.concurrency() < 1) {
            throw new SettingException("concurrency", " must be at least 1, got " + spec.concurrency());
        }
        ExecutorService pool = Executors.newFixedThreadPool(spec.concurrency(), r -> {
            Thread thread = new Thread(r, "import");
            thread.setDaemon(true);
            return thread;
        });
        listener.started(plan.units.size(), already);
        try (RecordSink sink = directory.sink()) {
            OrderedPipeline<LoggedEpisode, EpisodeImporter.Imported> pipeline = new OrderedPipeline<>(pool,
                    2 * spec.concurrency(), e -> {
                        WorkUnitRef unit = plan.units.get(e.line());
                        return importer.importEpisode(e, unit.fork());
                    }, imported -> {
                        if (imported.record() == null) {
                            problems.addAll(imported.problems());
                            return;
                        }
                        sink.append(imported.record());
                        tally.add(imported.record());
                        listener.imported(imported.record());
                    });
            new EpisodeLogReader(setup.format()).read(setup.file(), e -> {
                WorkUnitRef unit = plan.units.get(e.line());
                if (unit != null && !finished.contains(WorkUnit.key(unit.taskId(), unit.fork().index()))) {
                    pipeline.submit(e);
                }
            }, new ArrayList<>()); // its problems were found by the first reading
            pipeline.drain();
        } finally {
            pool.shutdownNow();
            listener.ended();
        }
        List<InputProblem> skipped = new ArrayList<>(problems);
        skipped.sort(java.util.Comparator.comparingInt(InputProblem::line));
        // each task's episodes (its forks) ranked best first, as a rollout's are; the records give each task's count
        Path rankingFile = directory.records().resolveSibling(Rankings.FILE);
        int forks = plan.units.values().stream().mapToInt(u -> u.fork().forks()).max().orElse(1);
        RunResult.Ranking ranking = new RunResult.Ranking(rankingFile, forks,
                Rankings.write(directory.records(), 1, rankingFile));
        return new ImportResult(manifest.runId(), directory.records().getParent(), directory.records(), plan.read,
                tally.imported, already, skipped, tally.compared, tally.differing, tally.passed, tally.rewards,
                ranking);
    }

    /** What the records imported now add up to; touched by the appending thread only. */
    private static final class Tally {
        int imported;
        int compared;
        int differing;
        int passed;
        final Map<Double, Integer> rewards = new TreeMap<>();

        void add(ComplianceRecord record) {
            imported++;
            if (record.environment() != null) {
                compared += record.environment().resultsCompared();
                differing += record.environment().resultsDiffering();
            }
            if (record.passed()) {
                passed++;
            }
            rewards.merge(record.rewardValue(), 1, Integer::sum);
        }
    }
}
