package io.trace2train.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.api.text.Secrets;
import io.trace2train.engine.agent.AgentRunner;
import io.trace2train.engine.agent.TaskRouter;
import io.trace2train.engine.backend.RecordedFirstAttempts;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.reward.ConstraintShareReward;
import io.trace2train.engine.run.ComplianceRunner;
import io.trace2train.engine.run.Mode;
import io.trace2train.engine.run.RunSettings;
import io.trace2train.engine.run.TaskRunner;
import io.trace2train.engine.run.WorkUnit;
import io.trace2train.engine.store.RecordSink;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.engine.store.RunExecutor;
import io.trace2train.engine.store.RunManifest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the units of a run folder that have no record yet, as its manifest says (mode, sampling, retries, rounds,
 * reward), appending each record to the folder: the one way {@code run}, {@code rollouts} and {@code bench ifeval}
 * execute a run, new or resumed.
 */
public final class FolderRun {

    /** How often a retriable backend failure is retried (with backoff) before a unit fails. */
    public static final int BACKEND_RETRIES = 2;

    private FolderRun() {
    }

    /** The runner settings a manifest describes. */
    public static RunSettings settings(RunManifest manifest) {
        return new RunSettings(Mode.parse(manifest.mode()), manifest.generation(), manifest.maxRetries(),
                manifest.maxRounds(), BACKEND_RETRIES, manifest.budget());
    }

    /**
     * The backend a manifest names, with its options and those given now: on a resume they must agree with the
     * manifest (a masked value is given again in full; only a credential's option, such as the API key's variable,
     * may change), so a resumed run never silently runs with other settings. Where the manifest has first attempts,
     * its recorded answers open each task's conversation and the backend answers the rest. The backend has passed
     * its {@link ModelBackend#preflight() pre-flight check}.
     *
     * @throws BadInputException naming an option that conflicts with the manifest, or a masked one not given
     */
    public static ModelBackend backend(Engine engine, RunManifest manifest, Map<String, String> given) {
        Map<String, String> options = new LinkedHashMap<>(manifest.backendOptions());
        given.forEach((name, value) -> {
            String recorded = manifest.backendOptions().get(name);
            if (!Secrets.isCredentialOption(name) && !Secrets.option(name, value).equals(recorded)) {
                throw new BadInputException("backend option " + name + ": the run was started with "
                        + (recorded == null ? "no " + name : name + "=" + recorded) + ", not " + name + "="
                        + Secrets.option(name, value) + "; resume with the run's own settings, or start a new run");
            }
            options.put(name, value);
        });
        options.forEach((name, value) -> {
            if (value.contains(Secrets.MASK)) {
                throw new BadInputException("backend option " + name + ": the manifest masks a credential in"
                        + " it (" + value + "); give the backend option " + name + " again in full");
            }
        });
        return withFirstAttempts(engine, manifest, engine.backends().open(manifest.backend(), options));
    }

    /** {@code model}, behind the manifest's first attempts where it has them. */
    public static ModelBackend withFirstAttempts(Engine engine, RunManifest manifest, ModelBackend model) {
        if (manifest.firstAttempts() == null) {
            return model;
        }
        ModelBackend recorded;
        try {
            recorded = engine.backends().create("replay", Map.of("responses", manifest.firstAttempts()));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return new RecordedFirstAttempts(recorded, model);
    }

    /**
     * @param units all the run's units; those in {@link RunDirectory#finished()} are skipped
     * @param meters where the runner's meters go (attempts, verdicts, tokens, backend latency)
     * @param progress told about every record appended, from the worker threads
     */
    public static RunExecutor.Summary execute(Engine engine, RunDirectory folder, ModelBackend model,
            Iterable<WorkUnit> units, RunExecutor.Limits limits, MeterRegistry meters, RunExecutor.Progress progress)
            throws IOException, InterruptedException {
        RunManifest manifest = folder.manifest();
        RewardFunction reward = engine.rewards().get(manifest.reward() == null ? ConstraintShareReward.NAME
                : manifest.reward());
        RunSettings settings = settings(manifest);
        TaskRunner runner = new TaskRouter(new ComplianceRunner(settings, model, engine.verifiers(),
                engine.repairStrategies(), reward, meters), new AgentRunner(settings, model, engine.verifiers(),
                engine.environments(), engine.repairStrategies(), reward, meters));
        try (RecordSink sink = folder.sink()) {
            return RunExecutor.run(units, folder.finished(), folder.passedByTask(), manifest.runId(), runner, sink,
                    limits, progress);
        }
    }
}
