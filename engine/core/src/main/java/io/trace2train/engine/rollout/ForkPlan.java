package io.trace2train.engine.rollout;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.backend.ForkSampling;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.record.ForkInfo;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.run.BranchPoint;
import io.trace2train.engine.run.ForkBatch;
import io.trace2train.engine.run.SeedSequence;
import io.trace2train.engine.run.WorkUnit;
import io.trace2train.engine.store.RunManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The units of a rollout: every task {@code forks} times, each fork with its own seed and scheduled temperature. */
public final class ForkPlan {

    /** The most forks of one task: more is a typo, not a rollout (and each fork is a record and a model call). */
    public static final int MAX_FORKS = 10_000;

    /** The most forks of one task that make their first generation together: bounds the generations a batch holds. */
    public static final int MAX_BATCH = 16;

    private ForkPlan() {
    }

    /**
     * @param base the run's settings: its seed is the run seed, its temperature is replaced by the schedule's
     */
    public static List<WorkUnit> units(List<TaskSpec> tasks, int forks, GenerationSettings base,
            TemperatureSchedule temperatures) {
        return units(tasks, forks, base, temperatures, 0);
    }

    /**
     * @param branchAt the agent model calls the forks of an agent task share (0: none); a task without tools
     *     ignores it
     */
    public static List<WorkUnit> units(List<TaskSpec> tasks, int forks, GenerationSettings base,
            TemperatureSchedule temperatures, int branchAt) {
        checkForks(forks);
        List<WorkUnit> units = new ArrayList<>(tasks.size() * forks);
        for (TaskSpec task : tasks) {
            units.addAll(forksOf(task, forks, base, temperatures, branchAt, Batching.NONE).toList());
        }
        return units;
    }

    /**
     * Which forks of a task make their first generation together ({@link ForkBatch}): none, or those without a
     * record yet.
     *
     * @param finished keys ({@link WorkUnit#key()}) of the units that have a record (a resume's)
     */
    public record Batching(boolean enabled, Set<String> finished) {

        public static final Batching NONE = new Batching(false, Set.of());

        public Batching {
            requireNonNull(finished, "finished");
        }
    }

    /**
     * The forks of one task; those of an agent task branched at a step share one {@link BranchPoint}; where batching
     * is on, one {@link ForkBatch} per {@link #MAX_BATCH} forks over those without a record for their first call (of
     * an agent task branched at a step: the first after the prefix), so a task's batch holds at most that many
     * generations not yet taken.
     */
    private static java.util.stream.Stream<WorkUnit> forksOf(TaskSpec task, int forks, GenerationSettings base,
            TemperatureSchedule temperatures, int branchAt, Batching batching) {
        BranchPoint branch = branchAt > 0 && task.hasTools() ? new BranchPoint(branchAt, base) : null;
        // the forks' first call is the same conversation for all: the task's prompt, or the prefix where they branch
        return java.util.stream.IntStream.iterate(0, start -> start < forks, start -> start + MAX_BATCH).boxed()
                .flatMap(start -> {
                    List<WorkUnit> chunk = java.util.stream.IntStream.range(start, Math.min(forks, start + MAX_BATCH))
                            .mapToObj(fork -> fork(task, fork, forks, base, temperatures)).toList();
                    ForkBatch batch = batching.enabled() ? batch(chunk, batching.finished(),
                            branch == null ? 0 : branchAt) : null;
                    return chunk.stream().map(unit -> branch == null && batch == null ? unit
                            : new WorkUnit(task, branch == null ? unit.fork()
                                    : new ForkInfo(unit.fork().index(), forks, branchAt), unit.generation(), branch,
                                    batch));
                });
    }

    /**
     * The batch of the units without a record, or null where fewer than two are left (nothing to share).
     *
     * @param call the model call the batch makes: 0, the first; k, an agent's first after a prefix of k calls, with
     *     the seed its episode derives for that call
     */
    private static ForkBatch batch(List<WorkUnit> units, Set<String> finished, int call) {
        Map<Integer, ForkSampling> waiting = new LinkedHashMap<>();
        for (WorkUnit unit : units) {
            if (!finished.contains(unit.key())) {
                GenerationSettings own = unit.generation();
                waiting.put(unit.fork().index(), new ForkSampling(
                        new SeedSequence(own.seed(), unit.task().id()).seed(call), own.temperature()));
            }
        }
        return waiting.size() < 2 ? null : new ForkBatch(waiting);
    }

    /** Refuses a fork count outside 1..{@link #MAX_FORKS}. */
    static void checkForks(int forks) {
        if (forks < 1 || forks > MAX_FORKS) {
            throw new IllegalArgumentException("forks must be between 1 and " + MAX_FORKS + ", got " + forks);
        }
    }

    private static WorkUnit fork(TaskSpec task, int fork, int forks, GenerationSettings base,
            TemperatureSchedule temperatures) {
        GenerationSettings settings = new GenerationSettings(temperatures.temperature(fork, forks), base.topP(),
                SeedSequence.forkSeed(base.seed(), task.id(), fork), base.maxNewTokens(), base.stop());
        return new WorkUnit(task, new ForkInfo(fork, forks), settings);
    }

    /**
     * The units a run folder's manifest describes, made as they are taken from the tasks (a stream over the tasks
     * file, read once): its forks for a rollout, one per task for a plain run.
     */
    public static Iterable<WorkUnit> lazily(Iterable<TaskSpec> tasks, RunManifest manifest) {
        return lazily(tasks, manifest, Batching.NONE);
    }

    /**
     * As {@link #lazily(Iterable, RunManifest)}, the forks of each task sharing their first generation (of an agent
     * task branched at a step: their first call after the prefix) where {@code batching} is on, and the rollout has no early stop (which exists to skip forks, so it generates
     * fork by fork).
     */
    public static Iterable<WorkUnit> lazily(Iterable<TaskSpec> tasks, RunManifest manifest, Batching batching) {
        RunManifest.RolloutManifest rollout = manifest.rollout();
        GenerationSettings base = manifest.generation();
        if (rollout == null) {
            return () -> java.util.stream.StreamSupport.stream(tasks.spliterator(), false)
                    .map(task -> new WorkUnit(task, null, base)).iterator();
        }
        TemperatureSchedule temperatures = new TemperatureSchedule(rollout.temperatures());
        int forks = rollout.forks();
        checkForks(forks);
        // fork by fork, so that only the units in flight are held, however many forks a task has
        return () -> java.util.stream.StreamSupport.stream(tasks.spliterator(), false)
                .flatMap(task -> forksOf(task, forks, base, temperatures, rollout.branchAt(),
                        rollout.stopAfterPasses() > 0 ? Batching.NONE : batching)).iterator();
    }

    /** Units per task: the forks of a rollout, 1 for a plain run. */
    public static int unitsPerTask(RunManifest manifest) {
        return manifest.rollout() == null ? 1 : manifest.rollout().forks();
    }

    /** The units a run folder's manifest describes: its forks for a rollout, one per task for a plain run. */
    public static List<WorkUnit> units(List<TaskSpec> tasks, RunManifest manifest) {
        RunManifest.RolloutManifest rollout = manifest.rollout();
        return rollout == null ? plain(tasks, manifest.generation())
                : units(tasks, rollout.forks(), manifest.generation(), new TemperatureSchedule(rollout.temperatures()),
                        rollout.branchAt());
    }

    /** A plain run: one unit per task with the run's settings. */
    public static List<WorkUnit> plain(List<TaskSpec> tasks, GenerationSettings settings) {
        return tasks.stream().map(task -> new WorkUnit(task, null, settings)).toList();
    }
}
