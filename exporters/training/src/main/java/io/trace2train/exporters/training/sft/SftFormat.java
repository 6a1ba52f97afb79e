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

    /** The option choosing which assistant turns of an episode a row trains on (the engine's ExportSpec.TRAIN_ON). */
    public static final String TRAIN_ON = "train-on";

    public SftFormat() {
        super("sft", "passing outputs as conversations: TRL {messages} or OpenAI chat fine-tuning rows",
                List.of(Flavor.TRL, Flavor.OPENAI));
    }

    @Override
    public List<ParameterSpec> options() {
        return List.of(ParameterSpec.optional("select", ParameterType.STRING,
                "passing (default: every passing fork of a task, best first) or best (only the top-ranked fork, if"
                        + " it passes)"),
                ParameterSpec.optional(TRAIN_ON, ParameterType.STRING, "all (default: every assistant turn of an"
                        + " agent episode) or final (only its last; OpenAI: weight 0 on the earlier assistant turns;"
                        + " TRL: a {prompt, completion, tools} row whose completion is the last turn)"));
    }

    @Override
    protected Exporter create(Flavor flavor, Map<String, String> options) {
        return new SftExporter(flavor, "best".equals(choice(options, "select", "passing", List.of("passing", "best"))),
                "final".equals(choice(options, TRAIN_ON, "all", List.of("all", "final"))) ? TrainOn.FINAL : TrainOn.ALL);
    }
}
