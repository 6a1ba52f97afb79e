package io.trace2train.exporters.training.dpo;

import io.trace2train.api.export.Exporter;
import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.exporters.training.Flavor;
import io.trace2train.exporters.training.FormatFactory;
import java.util.List;
import java.util.Map;

/** {@code dpo}: preference pairs from forks and from repair traces. */
public final class DpoFormat extends FormatFactory {

    public DpoFormat() {
        super("dpo", "preference pairs (passing vs failing forks, repaired output vs its failed drafts): TRL"
                + " {prompt, chosen, rejected} or OpenAI {input, preferred_output, non_preferred_output}",
                List.of(Flavor.TRL, Flavor.OPENAI));
    }

    @Override
    public List<ParameterSpec> options() {
        return List.of(
                ParameterSpec.optional("pairs", ParameterType.STRING, "best (default: the best passing fork against"
                        + " each failing one) or all (every passing fork against every failing one)"),
                ParameterSpec.optional("max-pairs", ParameterType.INTEGER, "pairs per task at most (default 8)"),
                ParameterSpec.optional("sources", ParameterType.STRING,
                        "forks,repairs (default), forks or repairs: where pairs come from"));
    }

    @Override
    protected Exporter create(Flavor flavor, Map<String, String> options) {
        boolean allPairs = "all".equals(choice(options, "pairs", "best", List.of("best", "all")));
        int maxPairs = intOption(options, "max-pairs", 8, 1);
        String sources = choice(options, "sources", "forks,repairs",
                List.of("forks,repairs", "repairs,forks", "forks", "repairs"));
        return new DpoExporter(flavor, new PairSelection(allPairs, maxPairs, sources.contains("forks"),
                sources.contains("repairs")));
    }
}
