package io.trace2train.verifiers.ifbench;

import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.repair.RepairStrategy;
import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.text.repair.PatchStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The IFBench patches: mechanical edits that make one instruction hold exactly, each kept only if its verifier then
 * passes ({@link PatchStrategy}). The rest (word games, counts, sentence structure) need the model: {@code regenerate}
 * with the verdict's hint.
 */
final class IfbenchPatches {

    private IfbenchPatches() {
    }

    static List<RepairStrategy> all(List<IfbenchVerifierFactory> verifiers) {
        Map<String, VerifierFactory> byId = verifiers.stream()
                .collect(Collectors.toMap(VerifierFactory::id, f -> f));
        return List.of(
                patch("patch:remove_whitespace", byId, "format:no_whitespace",
                        (text, args) -> Optional.of(removeWhitespace(text))),
                patch("patch:repeat_simple", byId, "repeat:repeat_simple",
                        (text, args) -> Optional.of(RepeatChecks.SIMPLE)),
                patch("patch:repeat_span", byId, "repeat:repeat_span",
                        (text, args) -> Optional.of(PythonText.strip(RepeatChecks.span(
                                args.string("prompt_to_repeat"), args.integer("n_start"), args.integer("n_end"))))),
                patch("patch:output_template", byId, "format:output_template",
                        (text, args) -> outputTemplate(text)),
                patch("patch:indent_stairs", byId, "format:line_indent",
                        (text, args) -> Optional.of(stairs(text))));
    }

    private static RepairStrategy patch(String name, Map<String, VerifierFactory> byId, String id,
            BiFunction<String, VerifierArguments, Optional<String>> edit) {
        VerifierFactory factory = byId.get(id);
        if (factory == null) {
            throw new IllegalStateException("patch " + name + " has no verifier " + id);
        }
        return PatchStrategy.of(name, factory, edit);
    }

    /** Every Python whitespace character removed. */
    static String removeWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!PythonText.isSpace(text.charAt(i))) {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }

    /**
     * The three headings: "My Answer:" before the text, and where the text has at least three paragraphs, "My
     * Conclusion:" and "Future Outlook:" before its last two. Headings already present stay as they are.
     */
    static Optional<String> outputTemplate(String text) {
        List<String> paragraphs = new ArrayList<>(PythonText.split(PythonText.strip(text), "\n\n").stream()
                .filter(p -> !PythonText.isBlank(p)).map(PythonText::strip).toList());
        int n = paragraphs.size();
        boolean needsTail = !text.contains(FormatChecks.TEMPLATE.get(1)) || !text.contains(FormatChecks.TEMPLATE.get(2));
        if (n == 0 || (needsTail && n < 3)) {
            return Optional.empty();
        }
        if (!text.contains(FormatChecks.TEMPLATE.get(0))) {
            paragraphs.set(0, FormatChecks.TEMPLATE.get(0) + " " + paragraphs.get(0));
        }
        if (!text.contains(FormatChecks.TEMPLATE.get(1))) {
            paragraphs.set(n - 2, FormatChecks.TEMPLATE.get(1) + " " + paragraphs.get(n - 2));
        }
        if (!text.contains(FormatChecks.TEMPLATE.get(2))) {
            paragraphs.set(n - 1, FormatChecks.TEMPLATE.get(2) + " " + paragraphs.get(n - 1));
        }
        return Optional.of(String.join("\n\n", paragraphs));
    }

    /** Blank lines dropped and line i (from 0) indented by i spaces. */
    static String stairs(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : PythonText.split(text, "\n")) {
            if (!PythonText.isBlank(line)) {
                String body = line.substring(PythonText.stripStart(line, 0, line.length()));
                lines.add(" ".repeat(lines.size()) + body);
            }
        }
        return String.join("\n", lines);
    }
}
