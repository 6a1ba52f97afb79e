package io.trace2train.exporters.training;

import io.trace2train.api.export.ExporterFactory;
import io.trace2train.api.plugin.Plugin;
import io.trace2train.exporters.training.dpo.DpoFormat;
import io.trace2train.exporters.training.grpo.GrpoFormat;
import io.trace2train.exporters.training.kto.KtoFormat;
import io.trace2train.exporters.training.rewards.RewardsFormat;
import io.trace2train.exporters.training.sft.SftFormat;
import java.util.List;

/** The built-in training-data formats: {@code sft}, {@code dpo}, {@code kto}, {@code rewards} and {@code grpo}. */
public final class TrainingPlugin implements Plugin {

    @Override
    public String name() {
        return "training";
    }

    @Override
    public List<ExporterFactory> exporterFactories() {
        return List.of(new SftFormat(), new DpoFormat(), new KtoFormat(), new RewardsFormat(),
                new GrpoFormat());
    }
}
