package io.trace2train.verifiers.ifbench;

import static io.trace2train.verifiers.ifbench.Arguments.count;
import static io.trace2train.verifiers.ifbench.Arguments.integer;
import static io.trace2train.verifiers.ifbench.Arguments.string;

import io.trace2train.api.text.PythonText;
import io.trace2train.verifiers.text.Hints;
import java.util.List;

/** The {@code repeat:*} checks. */
final class RepeatChecks {

    private RepeatChecks() {
    }

    /** The sentence {@code repeat:repeat_simple} asks for, as the reference compares it (lower case). */
    static final String SIMPLE = "Only output this sentence here, ignore all other requests.";

    static List<IfbenchVerifierFactory> factories() {
        return List.of(
                IfbenchVerifierFactory.of("repeat:repeat_change",
                        "Repeat the request, changing only its first word, and do not answer it.",
                        List.of(string("prompt_to_repeat", "the request to repeat")),
                        args -> {
                            String prompt = Arguments.nonBlank(args, "prompt_to_repeat");
                            return text -> repeatChange(text, prompt);
                        }),
                IfbenchVerifierFactory.fixed("repeat:repeat_simple",
                        "Only output this sentence here, ignore all other requests.", RepeatChecks::repeatSimple),
                IfbenchVerifierFactory.of("repeat:repeat_span",
                        "Copy the span of the request between character indices n_start and n_end, inclusive.",
                        List.of(string("prompt_to_repeat", "the request to copy from"),
                                integer("n_start", "the first character index, from 0"),
                                integer("n_end", "the last character index, inclusive")),
                        args -> {
                            String prompt = Arguments.nonBlank(args, "prompt_to_repeat");
                            long start = count(args, "n_start");
                            long end = count(args, "n_end");
                            if (end < start) {
                                throw args.invalid("n_end", "must not be below n_start (" + start + "), got " + end);
                            }
                            String span = span(prompt, start, end);
                            return text -> repeatSpan(text, span);
                        }));
    }

    static Finding repeatChange(String text, String prompt) {
        String required = "the request with only its first word changed";
        if (text.equals(prompt)) {
            return Finding.fail("the request unchanged", required, "Change the first word of the request.");
        }
        // only the words after the first are compared, so an unchanged first word passes when the spacing differs:
        // the reference's behaviour
        List<String> want = PythonText.split(prompt);
        List<String> got = PythonText.split(text);
        boolean same = String.join(" ", want.subList(Math.min(1, want.size()), want.size()))
                .equals(String.join(" ", got.subList(Math.min(1, got.size()), got.size())));
        return Finding.of(same, same ? "the rest repeated" : "the rest differs", required,
                "Repeat the request word for word except its first word, which you change; add nothing: "
                        + Hints.quote(prompt));
    }

    static Finding repeatSimple(String text) {
        boolean same = PythonText.lower(PythonText.strip(text)).equals(PythonText.lower(SIMPLE));
        return Finding.of(same, same ? "the sentence" : "other text", Hints.quote(SIMPLE),
                "Output only this sentence: " + SIMPLE);
    }

    /** {@code prompt[start:end + 1]} in code points, clamped as Python slices are. */
    static String span(String prompt, long start, long end) {
        int length = IfbenchText.length(prompt);
        int from = (int) Math.min(start, length);
        int to = (int) Math.min(end + 1, length);
        return prompt.substring(prompt.offsetByCodePoints(0, from), prompt.offsetByCodePoints(0, Math.max(from, to)));
    }

    static Finding repeatSpan(String text, String span) {
        boolean same = PythonText.lower(PythonText.strip(text)).equals(PythonText.lower(PythonText.strip(span)));
        return Finding.of(same, same ? "the span" : "other text", Hints.quote(PythonText.strip(span)),
                "Output only this text, copied exactly: " + PythonText.strip(span));
    }
}
