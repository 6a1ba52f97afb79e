package io.trace2train.exporters.training.sft;

import io.trace2train.api.export.Exporter;
import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.exporters.training.Flavor;
import io.trace2train.exporters.training.FormatFactory;
import java.util.List;
import java.util.Map;

/** {@code sft}: passing outputs as conversations, for supervised fine-tuning. */
public final class SftFormat extends FormatFactory {

    public SftFormat() {
        super("sft", "passing outputs as conversations: TRL {messages} or OpenAI chat fine-tuning rows",
                List.of(Flavor.TRL, Flavor.OPENAI));
    }

    @Override
    public List<ParameterSpec> options() {
        return List.of(ParameterSpec.optional("select", ParameterType.STRING,
                "passing (default: every passing fork of a task, best first) or best (only the top-ranked fork, if"
                        + " it passes)"));
    }

    @Override
    protected Exporter create(Flavor flavor, Map<String, String> options) {
        return new SftExporter(flavor, "best".equals(choice(options, "select", "passing", List.of("passing", "best"))));
    }
}
