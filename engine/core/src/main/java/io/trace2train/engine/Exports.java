package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.export.Exporter;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.engine.export.DatasetLayout;
import io.trace2train.engine.export.DatasetSplit;
import io.trace2train.engine.export.ExportFilters;
import io.trace2train.engine.export.ExportRun;
import io.trace2train.engine.export.ExportTarget;
import io.trace2train.engine.export.RowMaker;
import io.trace2train.engine.export.RowSelection;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.engine.store.RunLock;
import io.trace2train.engine.store.RunManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Training data from run folders: every row checked against its format's schema, with its trace inline or in a
 * sidecar file, written whole or not at all.
 */
public final class Exports {

    private final Engine engine;

    Exports(Engine engine) {
        this.engine = requireNonNull(engine, "engine");
    }

    /**
     * What an export wrote.
     *
     * @param format the format
     * @param flavor the flavor written (the format's first where none was asked for)
     * @param summary rows, records, tasks, what was filtered, de-duplicated or unusable, the files written
     */
    public record ExportResult(String format, String flavor, ExportRun.Summary summary) {

        public ExportResult {
            requireNonNull(format, "format");
            requireNonNull(flavor, "flavor");
            requireNonNull(summary, "summary");
        }
    }

    /**
     * @throws SettingException naming every filter out of range, and no run folder
     * @throws ExistingTargetException when the target (or its trace) exists and overwriting was not allowed
     * @throws io.trace2train.engine.io.BadInputException for an unknown format or flavor
     * @throws io.trace2train.api.param.InvalidArgumentsException naming each wrong format option
     */
    public ExportResult export(ExportSpec spec) throws IOException {
        check(spec);
        ExporterFactory factory = engine.exporters().factory(spec.format());
        Exporter exporter = engine.exporters().create(spec.format(), spec.flavor(), spec.options());
        checkTarget(spec, exporter, spec.target());
        ExportRun.Summary summary = new ExportRun(factory, exporter, filters(spec), layout(spec))
                .export(spec.runs(), spec.target());
        return new ExportResult(spec.format(), flavor(spec, factory), summary);
    }

    /**
     * A run folder as an export reads it.
     *
     * @param folder the folder
     * @param runId its run's id: every record must carry it
     * @param records its records file
     * @param perTask records a task is complete with (1, or the rollout's forks)
     * @param stopAfterPasses passing forks after which a task stopped early, or 0
     * @param beingWritten whether a run still writes it (only the records finished so far are exported)
     */
    public record RunFolder(Path folder, String runId, Path records, int perTask, int stopAfterPasses,
            boolean beingWritten) {

        public RunFolder {
            requireNonNull(folder, "folder");
            requireNonNull(runId, "runId");
            requireNonNull(records, "records");
        }

        /** The warning an export gives for it being written, or for {@code tasks} of its tasks being incomplete. */
        public List<String> warnings(long incompleteTasks) {
            List<String> warnings = new ArrayList<>();
            if (beingWritten) {
                warnings.add(ExportRun.stillWritten(folder));
            }
            if (incompleteTasks > 0) {
                warnings.add(ExportRun.incomplete(incompleteTasks, folder, perTask));
            }
            return warnings;
        }
    }

    /**
     * Reads a run folder's manifest.
     *
     * @throws IOException when it is not a run folder
     */
    public RunFolder runFolder(Path folder) throws IOException {
        RunManifest manifest = RunDirectory.readManifest(folder);
        return new RunFolder(folder, manifest.runId(), folder.resolve(RunDirectory.RECORDS),
                ExportRun.perTask(manifest), ExportRun.stopAfterPasses(manifest), RunLock.isHeld(folder));
    }

    /**
     * The per-task part of the export {@code spec} asks for (see {@link OrderedExport} for the rest): what a job
     * spreading the tasks over machines runs next to the records. One per thread.
     *
     * @throws SettingException, io.trace2train.engine.io.BadInputException as {@link #export}
     */
    public TaskExport tasks(ExportSpec spec) {
        check(spec);
        Exporter exporter = engine.exporters().create(spec.format(), spec.flavor(), spec.options());
        return new TaskExport(exporter, new RowMaker(engine.exporters().factory(spec.format()), exporter,
                filters(spec)));
    }

    /**
     * The ordered part of the export {@code spec} asks for, writing to {@code target} (the spec's target, or a file
     * in a staging folder): takes every task's rows in order, and publishes the file and its card.
     *
     * @throws ExistingTargetException when the target (or its trace) exists and overwriting was not allowed
     */
    public OrderedExport ordered(ExportSpec spec, Path target) throws IOException {
        check(spec);
        ExporterFactory factory = engine.exporters().factory(spec.format());
        Exporter exporter = engine.exporters().create(spec.format(), spec.flavor(), spec.options());
        checkTarget(spec, exporter, target);
        List<RunManifest> manifests = new ArrayList<>();
        for (Path run : spec.runs()) {
            manifests.add(RunDirectory.readManifest(run));
        }
        ExportFilters filters = filters(spec);
        RowMaker maker = new RowMaker(factory, exporter, filters);
        return new OrderedExport(spec.format(), flavor(spec, factory), manifests, target,
                new ExportTarget(factory, exporter, maker, target, layout(spec)), new RowSelection(filters));
    }

    private static String flavor(ExportSpec spec, ExporterFactory factory) {
        return spec.flavor() == null ? factory.flavors().getFirst() : spec.flavor();
    }

    private static DatasetLayout layout(ExportSpec spec) {
        return new DatasetLayout(spec.parquet(), new DatasetSplit(spec.validationShare(), spec.splitSeed()));
    }

    private static ExportFilters filters(ExportSpec spec) {
        return new ExportFilters(spec.passOnly(), spec.minReward(), spec.maxPerTask(), spec.dedupe());
    }

    private static void checkTarget(ExportSpec spec, Exporter exporter, Path target) {
        Path sidecar = target.resolveSibling(target.getFileName() + ExportRun.SIDECAR_SUFFIX);
        if (!spec.overwrite()) {
            if (Files.exists(target) && !(spec.parquet() && isEmptyFolder(target))) {
                throw new ExistingTargetException(target);
            }
            if (exporter.tracePlacement() == Exporter.TracePlacement.SIDECAR && Files.exists(sidecar)) {
                throw new ExistingTargetException(sidecar);
            }
        }
    }

    private static boolean isEmptyFolder(Path folder) {
        try (var entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void check(ExportSpec spec) {
        List<SettingException.Problem> problems = new ArrayList<>();
        if (spec.runs().isEmpty()) {
            problems.add(new SettingException.Problem(ExportSpec.RUNS, ": give at least one run folder"));
        }
        if (spec.maxPerTask() < 0) {
            problems.add(new SettingException.Problem(ExportSpec.MAX_PER_TASK, " must be 0 (no cap) or more, got "
                    + spec.maxPerTask()));
        }
        if (spec.minReward() != null && !Double.isFinite(spec.minReward())) {
            problems.add(new SettingException.Problem(ExportSpec.MIN_REWARD, " must be a number, got "
                    + spec.minReward()));
        }
        if (!(spec.validationShare() >= 0 && spec.validationShare() < 1)) {
            problems.add(new SettingException.Problem(ExportSpec.VALIDATION_SHARE, " must be at least 0 and below 1,"
                    + " got " + spec.validationShare()));
        }
        if (!problems.isEmpty()) {
            throw new SettingException(problems);
        }
    }
}
