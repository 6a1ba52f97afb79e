package io.trace2train.api.export;

import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Role;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a row's texts can train anything. A blank text (only white space, invisible format characters such as a
 * zero-width space or a byte-order mark, or control characters) tokenizes to nothing or to noise, and two texts of a
 * pair that differ only in such characters at their ends teach no preference. The engine skips such rows in every
 * format and counts them by reason; exporters may use the same test to keep them out of their own caps.
 */
public final class TrainingTexts {

    public static final String BLANK_PROMPT = "blank prompt message";
    public static final String BLANK_COMPLETION = "blank completion";
    public static final String SAME_COMPLETIONS = "completions identical after trimming";

    private TrainingTexts() {
    }

    /** Why a row of this prompt and these completions is unusable, or empty when it is usable. */
    public static Optional<String> problem(List<ChatMessage> prompt, List<String> completions) {
        if (prompt.isEmpty() || prompt.stream().anyMatch(TrainingTexts::blankMessage)) {
            return Optional.of(BLANK_PROMPT);
        }
        if (completions.stream().anyMatch(TrainingTexts::isBlank)) {
            return Optional.of(BLANK_COMPLETION);
        }
        Set<String> distinct = new HashSet<>();
        for (String completion : completions) {
            if (!distinct.add(trim(completion))) {
                return Optional.of(SAME_COMPLETIONS);
            }
        }
        return Optional.empty();
    }

    /**
     * A message that says nothing: an assistant turn that only calls tools says what its calls say, and a tool's
     * empty result is what the tool returned, so neither is blank.
     */
    private static boolean blankMessage(ChatMessage message) {
        return isBlank(message.content()) && !message.callsTools() && message.role() != Role.TOOL;
    }

    /** Whether the text has no visible character. */
    public static boolean isBlank(String text) {
        return text.codePoints().allMatch(TrainingTexts::invisible);
    }

    /** The text without invisible characters at its ends. */
    public static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && invisible(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && invisible(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    private static boolean invisible(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || type == Character.CONTROL
                || type == Character.FORMAT;
    }
}
