package io.trace2train.cli;

import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** The progress bar runs show on standard error: units done, a message, the ETA. */
final class ProgressBars {

    private ProgressBars() {
    }

    static ProgressBar open(String unitName, long total, long alreadyDone) {
        return new ProgressBarBuilder().setTaskName(unitName).setInitialMax(total).startsFrom(alreadyDone,
                Duration.ZERO).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }
}
