package io.trace2train.engine.rollout;

import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.record.ForkInfo;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.run.SeedSequence;
import io.trace2train.engine.run.WorkUnit;
import io.trace2train.engine.store.RunManifest;
import java.util.ArrayList;
import java.util.List;

/** The units of a rollout: every task {@code forks} times, each fork with its own seed and scheduled temperature. */
public final class ForkPlan {

    private ForkPlan() {
    }

    /**
     * @param base the run's settings: its seed is the run seed, its temperature is replaced by the schedule's
     */
    public static List<WorkUnit> units(List<TaskSpec> tasks, int forks, GenerationSettings base,
            TemperatureSchedule temperatures) {
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1, got " + forks);
        }
        List<WorkUnit> units = new ArrayList<>(tasks.size() * forks);
        for (TaskSpec task : tasks) {
            for (int fork = 0; fork < forks; fork++) {
                GenerationSettings settings = new GenerationSettings(temperatures.temperature(fork, forks), base.topP(),
                        SeedSequence.forkSeed(base.seed(), task.id(), fork), base.maxNewTokens(), base.stop());
                units.add(new WorkUnit(task, new ForkInfo(fork, forks), settings));
            }
        }
        return units;
    }

    /**
     * The units a run folder's manifest describes, made as they are taken from the tasks (a stream over the tasks
     * file, read once): its forks for a rollout, one per task for a plain run.
     */
    public static Iterable<WorkUnit> lazily(Iterable<TaskSpec> tasks, RunManifest manifest) {
        RunManifest.RolloutManifest rollout = manifest.rollout();
        GenerationSettings base = manifest.generation();
        if (rollout == null) {
            return () -> java.util.stream.StreamSupport.stream(tasks.spliterator(), false)
                    .map(task -> new WorkUnit(task, null, base)).iterator();
        }
        TemperatureSchedule temperatures = new TemperatureSchedule(rollout.temperatures());
        return () -> java.util.stream.StreamSupport.stream(tasks.spliterator(), false)
                .flatMap(task -> units(List.of(task), rollout.forks(), base, temperatures).stream()).iterator();
    }

    /** Units per task: the forks of a rollout, 1 for a plain run. */
    public static int unitsPerTask(RunManifest manifest) {
        return manifest.rollout() == null ? 1 : manifest.rollout().forks();
    }

    /** The units a run folder's manifest describes: its forks for a rollout, one per task for a plain run. */
    public static List<WorkUnit> units(List<TaskSpec> tasks, RunManifest manifest) {
        RunManifest.RolloutManifest rollout = manifest.rollout();
        return rollout == null ? plain(tasks, manifest.generation())
                : units(tasks, rollout.forks(), manifest.generation(), new TemperatureSchedule(rollout.temperatures()));
    }

    /** A plain run: one unit per task with the run's settings. */
    public static List<WorkUnit> plain(List<TaskSpec> tasks, GenerationSettings settings) {
        return tasks.stream().map(task -> new WorkUnit(task, null, settings)).toList();
    }
}
