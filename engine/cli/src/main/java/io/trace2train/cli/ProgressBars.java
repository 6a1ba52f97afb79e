package io.trace2train.cli;

import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The progress bar runs show on standard error: units done, a message, the ETA; plain ASCII when not a terminal. */
final class ProgressBars {

    private ProgressBars() {
    }

    static ProgressBar open(String unitName, long total, long alreadyDone) {
        // the default style colours the bar: escape codes only where a terminal renders them
        return new ProgressBarBuilder().setTaskName(unitName).setInitialMax(total).startsFrom(alreadyDone,
                Duration.ZERO).setStyle(Terminal.err() ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }
}
