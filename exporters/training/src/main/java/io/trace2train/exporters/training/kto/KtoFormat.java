package io.trace2train.exporters.training.kto;

import io.trace2train.api.export.Exporter;
import io.trace2train.exporters.training.Flavor;
import io.trace2train.exporters.training.FormatFactory;
import java.util.List;
import java.util.Map;

/** {@code kto}: every attempt as an unpaired preference row, labelled by whether it passes. */
public final class KtoFormat extends FormatFactory {

    public KtoFormat() {
        super("kto", "every attempt as TRL's unpaired preference {prompt, completion, label} (OpenAI has no KTO)",
                List.of(Flavor.TRL));
    }

    @Override
    protected Exporter create(Flavor flavor, Map<String, String> options) {
        return new KtoExporter(flavor);
    }
}
