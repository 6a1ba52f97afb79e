package io.trace2train.exporters.training;

import io.trace2train.api.export.Exporter.TracePlacement;
import java.util.Locale;

/** The trainers whose file formats rows are written in. */
public enum Flavor {
    /** Hugging Face TRL's conversational datasets; extra columns are ignored, so the trace goes in the row. */
    TRL(TracePlacement.INLINE),
    /** OpenAI's fine-tuning files, which take no extra fields: the trace goes in a sidecar file. */
    OPENAI(TracePlacement.SIDECAR);

    private final TracePlacement tracePlacement;

    Flavor(TracePlacement tracePlacement) {
        this.tracePlacement = tracePlacement;
    }

    public TracePlacement tracePlacement() {
        return tracePlacement;
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Flavor parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    /** The row schema of format {@code format} in this flavor, a resource of this jar. */
    public String schema(String format) {
        return "/io/trace2train/exporters/training/schemas/" + format + "-" + json() + ".schema.json";
    }
}
