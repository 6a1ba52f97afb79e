package io.trace2train.engine.verify;

import io.trace2train.api.text.PythonText;
import java.util.List;

/**
 * IFEval's loose reading of a response: the 8 variants a response is also judged on, in the reference's order.
 * Markdown emphasis ({@code *}) and a first or last line of chatter ("Sure! Here it is:") should not fail an
 * instruction the body follows.
 */
final class LooseCandidates {

    private LooseCandidates() {
    }

    public static List<String> of(String response) {
        List<String> lines = PythonText.split(response, "\n");
        int n = lines.size();
        // Python slices clamp: lines[1:] of one line is empty, lines[1:-1] of one or two lines is empty
        String withoutFirst = PythonText.strip(String.join("\n", lines.subList(Math.min(1, n), n)));
        String withoutLast = PythonText.strip(String.join("\n", lines.subList(0, Math.max(0, n - 1))));
        String withoutBoth = n <= 2 ? "" : PythonText.strip(String.join("\n", lines.subList(1, n - 1)));
        return List.of(
                response,
                response.replace("*", ""),
                withoutFirst,
                withoutLast,
                withoutBoth,
                withoutFirst.replace("*", ""),
                withoutLast.replace("*", ""),
                withoutBoth.replace("*", ""));
    }
}
