package io.trace2train.engine.repair;

import io.trace2train.api.repair.ConstraintCheck;
import io.trace2train.api.task.ChatMessage;
import java.util.List;

/**
 * The one wording of verifier feedback sent to a model: by prompt_retry, by the regenerate and full repairs, and by
 * a full_pcl fork of an agent episode.
 * Each failed constraint is named with what was measured, what is required and the verifier's hint.
 */
public final class FeedbackPrompt {

    private FeedbackPrompt() {
    }

    /** Feedback for a fresh answer: what the previous answer got wrong. */
    public static ChatMessage retry(List<ConstraintCheck> failing) {
        return ChatMessage.user("Your previous answer did not follow these instructions:\n" + list(failing)
                + "\nAnswer the original request again, following every instruction.");
    }

    /**
     * Feedback for an agent whose episode is forked before the turn that went wrong: what its episode got wrong, and
     * that it goes on from here. Sent after the shared prefix; the episode the record keeps leaves it out.
     */
    public static ChatMessage fork(List<ConstraintCheck> failing) {
        return ChatMessage.user("Your previous attempt from this point on did not follow these instructions:\n"
                + list(failing) + "\nContinue from here, following every instruction.");
    }

    /** Feedback for a rewrite of the previous answer: what to fix, and what to keep. */
    static ChatMessage rewrite(List<ConstraintCheck> failing, List<ConstraintCheck> passing) {
        StringBuilder text = new StringBuilder("Rewrite your previous answer so that it follows every instruction.\n")
                .append("It fails these:\n").append(list(failing));
        if (!passing.isEmpty()) {
            text.append("It already meets these; keep meeting them:\n");
            passing.forEach(c -> text.append("- ").append(c.verdict().verifierId()).append(describe(c)).append('\n'));
        }
        return ChatMessage.user(text.append("Reply with the rewritten answer only.").toString());
    }

    private static String list(List<ConstraintCheck> failing) {
        StringBuilder text = new StringBuilder();
        for (ConstraintCheck check : failing) {
            text.append("- ").append(check.verdict().verifierId()).append(describe(check));
            if (!check.verdict().hint().isEmpty()) {
                text.append(": ").append(check.verdict().hint());
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String describe(ConstraintCheck check) {
        String required = check.verdict().required();
        String measured = check.verdict().measured();
        if (required == null && measured == null) {
            return "";
        }
        return " (" + (required == null ? "" : "required: " + required)
                + (required != null && measured != null ? "; " : "")
                + (measured == null ? "" : "found: " + measured) + ")";
    }
}
