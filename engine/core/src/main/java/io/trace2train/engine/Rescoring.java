package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.io.AtomicFiles;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.Digests;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.io.JsonLines;
import io.trace2train.engine.io.OrderedPipeline;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.engine.store.RunManifest;
import io.trace2train.engine.task.TaskLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;

/**
 * Records of existing run folders judged again ({@code trace2train score}): when a constraint or the reward changes,
 * the outputs a run (a rollout, an import of agent logs) recorded are judged by the new constraint set and scored by
 * the new reward, without generating anything. The result is a new run folder of the same records with the new
 * verdicts, rewards and versions, which {@code export} reads like any other. Its run id is derived from the inputs
 * and the spec, so the same rescoring gives the same records file, on one machine or on a cluster.
 */
public final class Rescoring {

    /** Records judged at once on the pool, in order. */
    private static final int IN_FLIGHT = 512;

    private final Engine engine;

    Rescoring(Engine engine) {
        this.engine = requireNonNull(engine, "engine");
    }

    /**
     * What a rescoring writes, known before any record is judged: the new run's id and its input folders.
     *
     * @param runId the new run's id
     * @param inputs the run folders read, in order
     */
    public record Plan(String runId, List<Exports.RunFolder> inputs, RescoreSpec spec) {

        public Plan {
            requireNonNull(runId, "runId");
            inputs = List.copyOf(inputs);
            requireNonNull(spec, "spec");
        }

        /**
         * Writes the new run's {@code manifest.json} into {@code folder}: the first input's, with the new run id, the
         * constraints file (and its digest) in place of the tasks file where one was given, and the reward. Its
         * {@code created_at} is the only per-run field of a rescoring's output.
         */
        public void writeManifest(Path folder) throws IOException {
            RunManifest first = RunDirectory.readManifest(inputs.getFirst().folder());
            Path constraints = spec.constraints();
            RunManifest manifest = new RunManifest(runId, Instant.now().toString(), first.mode(), first.backend(),
                    first.backendOptions(), first.generation(), first.maxRetries(), first.maxRounds(),
                    constraints == null ? first.tasksFile() : constraints.toString(),
                    constraints == null ? first.tasksSha256() : Digests.sha256(constraints),
                    io.trace2train.engine.config.EngineVersion.current(),
                    spec.reward() == null ? first.reward() : spec.reward(), first.rollout(), first.firstAttempts(),
                    first.agentBudget());
            AtomicFiles.write(folder.resolve(RunDirectory.MANIFEST),
                    w -> w.write(RecordJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(manifest)));
        }
    }

    /**
     * What a rescoring judged.
     *
     * @param folder the new run folder
     * @param runId its run id
     * @param records records judged
     * @param passedBefore records that passed as judged before
     * @param passed records that pass now
     * @param changed records whose pass changed
     */
    public record RescoreResult(Path folder, String runId, long records, long passedBefore, long passed,
            long changed) {

        public RescoreResult {
            requireNonNull(folder, "folder");
            requireNonNull(runId, "runId");
        }
    }

    /**
     * Checks the spec and reads the input folders' manifests.
     *
     * @throws SettingException when no run folder is given, or the folders fork their tasks differently
     * @throws IOException when a folder is not a run folder
     */
    public Plan plan(RescoreSpec spec) throws IOException {
        if (spec.runs().isEmpty()) {
            throw new SettingException("runs", ": give at least one run folder");
        }
        List<Exports.RunFolder> inputs = new ArrayList<>();
        StringBuilder identity = new StringBuilder("rescore\n");
        for (Path run : spec.runs()) {
            Exports.RunFolder folder = engine.exports().runFolder(run.toAbsolutePath());
            if (!inputs.isEmpty() && folder.perTask() != inputs.getFirst().perTask()) {
                throw new SettingException("runs", ": " + run + " has " + folder.perTask() + " records per task, "
                        + inputs.getFirst().folder() + " " + inputs.getFirst().perTask() + ": rescore them apart");
            }
            inputs.add(folder);
            identity.append(folder.runId()).append('\n');
        }
        identity.append(spec.constraints() == null ? "" : Digests.sha256(spec.constraints())).append('\n')
                .append(String.join("\n", spec.added())).append('\n').append(Objects.toString(spec.reward(), ""));
        String runId = UUID.nameUUIDFromBytes(identity.toString().getBytes(StandardCharsets.UTF_8)).toString();
        return new Plan(runId, inputs, spec);
    }

    /**
     * The judge of the plan's records: what each machine of a job builds once.
     *
     * @throws BadInputException naming every bad row of the constraints file, or a wrong added constraint
     * @throws io.trace2train.engine.io.BadInputException for an unknown reward function
     */
    public Rescorer rescorer(Plan plan) {
        RescoreSpec spec = plan.spec();
        Map<String, TaskSpec> tasks = null;
        if (spec.constraints() != null) {
            tasks = new HashMap<>();
            for (TaskSpec task : new TaskLoader(engine.verifiers()).load(spec.constraints())) {
                tasks.put(task.id(), task);
            }
        }
        List<ConstraintSpec> added = added(spec.added());
        RewardFunction reward = spec.reward() == null ? null : engine.rewards().get(spec.reward());
        return new Rescorer(engine, plan.runId(), tasks, spec.constraints(), added, reward);
    }

    /** {@code ID}, {@code ID:{ARGS}} or a constraint object, read as a task file's constraints are, and built. */
    private List<ConstraintSpec> added(List<String> given) {
        ArrayNode list = JsonLines.mapper().createArrayNode();
        Path where = Path.of("--add-constraint");
        List<InputProblem> problems = new ArrayList<>();
        for (String text : given) {
            String trimmed = text.strip();
            try {
                if (trimmed.startsWith("{")) {
                    list.add(JsonLines.mapper().readTree(trimmed));
                } else {
                    int args = trimmed.indexOf(":{");
                    ObjectNode constraint = list.addObject();
                    constraint.put("verifier", args < 0 ? trimmed : trimmed.substring(0, args));
                    if (args >= 0) {
                        constraint.set("args", JsonLines.mapper().readTree(trimmed.substring(args + 1)));
                    }
                }
            } catch (IOException e) {
                problems.add(new InputProblem(where, 0, "", "'" + text + "' is not ID, ID:{ARGS} or a constraint"
                        + " object: " + e.getMessage()));
            }
        }
        List<ConstraintSpec> added = TaskLoader.constraints(list, where, 0, "", problems);
        for (ConstraintSpec spec : added) {
            try {
                engine.scoring().verifier(spec);
            } catch (RuntimeException e) {
                problems.add(new InputProblem(where, 0, spec.verifier(), e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return added;
    }

    /**
     * Judges every record of the spec's run folders again and writes them, in input order, as the run folder
     * {@code out}: {@code records.jsonl} whole or not at all, then {@code manifest.json} (a folder without it is a
     * killed rescoring, which a rerun writes again).
     *
     * @throws BadInputException naming every line that is not a record or cannot be judged (nothing is written)
     * @throws ExistingTargetException when {@code out} already holds a run
     */
    public RescoreResult rescore(RescoreSpec spec, Path out) throws IOException {
        Plan plan = plan(spec);
        Rescorer rescorer = rescorer(plan);
        if (Files.exists(out.resolve(RunDirectory.MANIFEST))) {
            throw new ExistingTargetException(out);
        }
        Files.createDirectories(out);
        long[] counts = new long[4];
        List<InputProblem> problems = new ArrayList<>();
        AtomicFiles.write(out.resolve(RunDirectory.RECORDS), writer -> {
            for (Exports.RunFolder input : plan.inputs()) {
                judge(rescorer, input.records(), writer, counts, problems);
            }
            if (!problems.isEmpty()) {
                throw new BadInputException(problems);
            }
        });
        plan.writeManifest(out);
        return new RescoreResult(out, plan.runId(), counts[0], counts[1], counts[2], counts[3]);
    }

    /** A line judged, or why it could not be. */
    private record Judged(Rescorer.@Nullable Rescored rescored, List<InputProblem> problems) {
    }

    private static void judge(Rescorer rescorer, Path records, Writer writer, long[] counts,
            List<InputProblem> problems) throws IOException {
        IOException[] failed = new IOException[1];
        OrderedPipeline<Map.Entry<Integer, String>, Judged> pipeline = new OrderedPipeline<>(ForkJoinPool.commonPool(),
                IN_FLIGHT, line -> {
                    try {
                        return new Judged(rescorer.line(records, line.getKey(), line.getValue()), List.of());
                    } catch (BadInputException e) {
                        return new Judged(null, e.problems());
                    }
                }, judged -> {
                    problems.addAll(judged.problems());
                    Rescorer.Rescored one = judged.rescored();
                    if (one == null || !problems.isEmpty() || failed[0] != null) {
                        return;
                    }
                    try {
                        writer.write(one.line());
                        writer.write('\n');
                    } catch (IOException e) {
                        failed[0] = e;
                    }
                    counts[0]++;
                    counts[1] += one.passedBefore() ? 1 : 0;
                    counts[2] += one.passed() ? 1 : 0;
                    counts[3] += one.passedBefore() != one.passed() ? 1 : 0;
                });
        try (BufferedReader reader = Files.newBufferedReader(records, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                pipeline.submit(Map.entry(number, line));
            }
        }
        pipeline.drain();
        if (failed[0] != null) {
            throw failed[0];
        }
    }
}
