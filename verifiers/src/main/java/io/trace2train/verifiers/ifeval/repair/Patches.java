package io.trace2train.verifiers.ifeval.repair;

import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.repair.RepairStrategy;
import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.IfevalPlugin;
import io.trace2train.verifiers.text.repair.PatchStrategy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The IFEval patches: mechanical edits that make one instruction hold exactly. Instructions whose fix needs
 * judgement (word or sentence counts, keywords, sections) have none: they are left to the model strategies.
 */
public final class Patches {

    private Patches() {
    }

    public static List<RepairStrategy> all(List<VerifierFactory> verifiers) {
        Map<String, VerifierFactory> byId = verifiers.stream()
                .collect(Collectors.toMap(VerifierFactory::id, f -> f));
        return List.of(
                patch("patch:remove_commas", byId.get("punctuation:no_comma"),
                        (text, args) -> Optional.of(text.replace(", ", " ").replace(",", ""))),
                patch("patch:lowercase", byId.get("change_case:english_lowercase"),
                        (text, args) -> Optional.of(PythonText.lower(text))),
                patch("patch:uppercase", byId.get("change_case:english_capital"),
                        (text, args) -> Optional.of(text.toUpperCase(Locale.ROOT))),
                patch("patch:append_postscript", byId.get("detectable_content:postscript"),
                        (text, args) -> Optional.of(PythonText.rstrip(text) + "\n\n"
                                + postscript(args.string("postscript_marker")) + " Thank you for reading.")),
                patch("patch:append_end_phrase", byId.get("startend:end_checker"),
                        (text, args) -> Optional.of(PythonText.rstrip(text) + "\n\n"
                                + PythonText.strip(args.string("end_phrase")))),
                patch("patch:wrap_in_quotes", byId.get("startend:quotation"),
                        (text, args) -> Optional.of("\"" + PythonText.strip(text) + "\"")),
                patch("patch:add_title", byId.get("detectable_format:title"),
                        (text, args) -> Optional.of("<<" + Titles.from(text) + ">>\n\n" + text)),
                patch("patch:repeat_prompt", byId.get("combination:repeat_prompt"),
                        (text, args) -> Optional.of(PythonText.strip(args.string("prompt_to_repeat")) + "\n\n"
                                + PythonText.strip(text))));
    }

    /** The marker as the postscript check reads it: "P.S." and "P.P.S" both get their final dot. */
    private static String postscript(String marker) {
        String stripped = PythonText.strip(marker);
        return stripped.endsWith(".") ? stripped : stripped + ".";
    }

    private static RepairStrategy patch(String name, VerifierFactory factory,
            BiFunction<String, VerifierArguments, Optional<String>> edit) {
        if (factory == null) {
            throw new IllegalStateException("patch " + name + " has no verifier in " + IfevalPlugin.class.getName());
        }
        return PatchStrategy.of(name, factory, edit);
    }
}
