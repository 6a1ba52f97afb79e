package io.trace2train.exporters.training.rewards;

import io.trace2train.api.export.Exporter;
import io.trace2train.exporters.training.Flavor;
import io.trace2train.exporters.training.FormatFactory;
import java.util.List;
import java.util.Map;

/** {@code rewards}: final outputs with their reward and every constraint's verdict, for offline RL. */
public final class RewardsFormat extends FormatFactory {

    public RewardsFormat() {
        super("rewards", "final outputs with reward, its parts and per-constraint verdicts (TRL-style conversational"
                + " prompt and completion)", List.of(Flavor.TRL));
    }

    @Override
    protected Exporter create(Flavor flavor, Map<String, String> options) {
        return new RewardsExporter(flavor);
    }
}
