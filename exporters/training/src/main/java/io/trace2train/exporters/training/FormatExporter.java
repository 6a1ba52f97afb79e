package io.trace2train.exporters.training;

import io.trace2train.api.export.Exporter;

/** An exporter of one format in one flavor: the flavor says where the trace goes and which row schema applies. */
public abstract class FormatExporter implements Exporter {

    protected final Flavor flavor;
    private final String format;

    protected FormatExporter(String format, Flavor flavor) {
        this.format = format;
        this.flavor = flavor;
    }

    @Override
    public final String rowSchema() {
        return flavor.schema(format);
    }

    @Override
    public final TracePlacement tracePlacement() {
        return flavor.tracePlacement();
    }
}
