package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.export.Exporter;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.engine.export.ExportFilters;
import io.trace2train.engine.export.ExportRun;
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
        if (!problems.isEmpty()) {
            throw new SettingException(problems);
        }
        ExporterFactory factory = engine.exporters().factory(spec.format());
        Exporter exporter = engine.exporters().create(spec.format(), spec.flavor(), spec.options());
        Path target = spec.target();
        Path sidecar = target.resolveSibling(target.getFileName() + ExportRun.SIDECAR_SUFFIX);
        if (!spec.overwrite()) {
            if (Files.exists(target)) {
                throw new ExistingTargetException(target);
            }
            if (exporter.tracePlacement() == Exporter.TracePlacement.SIDECAR && Files.exists(sidecar)) {
                throw new ExistingTargetException(sidecar);
            }
        }
        ExportFilters filters = new ExportFilters(spec.passOnly(), spec.minReward(), spec.maxPerTask(),
                spec.dedupe());
        ExportRun.Summary summary = new ExportRun(factory, exporter, filters).export(spec.runs(), target);
        return new ExportResult(spec.format(), spec.flavor() == null ? factory.flavors().getFirst() : spec.flavor(),
                summary);
    }
}
