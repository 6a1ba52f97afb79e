package io.trace2train.exporters.training.dpo;

import io.trace2train.api.task.ChatMessage;
import java.util.List;

/** Lets the plugin's tests outside this package reach {@link EpisodePairs#branchPoint}. */
public final class EpisodePairsAccess {

    private EpisodePairsAccess() {
    }

    public static int branchPoint(List<ChatMessage> a, List<ChatMessage> b) {
        return EpisodePairs.branchPoint(a, b);
    }
}
