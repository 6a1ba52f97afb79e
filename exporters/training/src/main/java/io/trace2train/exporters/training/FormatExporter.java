package io.trace2train.exporters.training;

import io.trace2train.api.export.ExportTally;
import io.trace2train.api.export.Exporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An exporter of one format in one flavor: the flavor says where the trace goes and which row schema applies. */
public abstract class FormatExporter implements Exporter {

    protected final Flavor flavor;
    /** What the report counts, handed out and taken back as tallies. */
    protected final ReportCounts counts = new ReportCounts();
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

    @Override
    public final ExportTally takeTally() {
        return counts.take();
    }

    @Override
    public final void addTally(ExportTally tally) {
        counts.add(tally);
    }

    /** OpenAI refuses a fine-tuning file of fewer examples than this. */
    public static final int OPENAI_MIN_EXAMPLES = 10;

    @Override
    public List<String> report(long rows, long passedRows) {
        List<String> lines = new ArrayList<>();
        if (flavor == Flavor.OPENAI && rows < OPENAI_MIN_EXAMPLES) {
            lines.add(String.format(Locale.ROOT, "warning: OpenAI's fine-tuning needs at least %d examples; this file"
                    + " has %d", OPENAI_MIN_EXAMPLES, rows));
        }
        if (rows == 0) {
            lines.add("warning: the file has no rows");
        }
        return lines;
    }
}
