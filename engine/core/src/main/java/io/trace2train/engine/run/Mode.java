package io.trace2train.engine.run;

import java.util.Arrays;
import java.util.Locale;

/** How a task is run. */
public enum Mode {
    /** One generation, verified. */
    DIRECT,
    /** Up to N fresh generations, each told every failed constraint with its hint. */
    PROMPT_RETRY,
    /** Run, verify, repair (patch, regenerate, full) and verify again, up to R rounds. */
    FULL_PCL;

    /** The name used on the command line and in records: {@code direct}, {@code prompt_retry}, {@code full_pcl}. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode parse(String text) {
        return Arrays.stream(values()).filter(m -> m.json().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mode '" + text
                        + "': expected direct, prompt_retry or full_pcl"));
    }
}
