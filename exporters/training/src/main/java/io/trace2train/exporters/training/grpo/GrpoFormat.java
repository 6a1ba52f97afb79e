package io.trace2train.exporters.training.grpo;

import io.trace2train.api.export.Exporter;
import io.trace2train.exporters.training.Flavor;
import io.trace2train.exporters.training.FormatFactory;
import java.util.List;
import java.util.Map;

/** {@code grpo}: prompts with their constraints, for online RL against the reward service. */
public final class GrpoFormat extends FormatFactory {

    public GrpoFormat() {
        super("grpo", "one row per task: the prompt (TRL conversational) and the task's constraints as a JSON column"
                + " that a reward function sends back to the reward service with each completion", List.of(Flavor.TRL));
    }

    @Override
    protected Exporter create(Flavor flavor, Map<String, String> options) {
        return new GrpoExporter(flavor);
    }
}
