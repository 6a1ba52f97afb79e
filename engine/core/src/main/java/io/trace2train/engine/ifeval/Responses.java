package io.trace2train.engine.ifeval;

import io.trace2train.api.text.PythonText;
import java.util.HashMap;
import java.util.Map;

/**
 * The responses of a {@code prompt, response} file, found for a prompt row by its {@link Harness}'s rule. Both
 * readings are built in file order as the references build their dictionaries, so a later row wins in each.
 */
public final class Responses {

    /** IFEval's {@code prompt -> response}. */
    private final Map<String, String> byPrompt = new HashMap<>();
    /**
     * IFBench's dictionary, where it differs from {@link #byPrompt}: the stripped prompts, and the exact prompts a
     * later row's stripped prompt replaced. Empty for a file without padded prompts.
     */
    private final Map<String, String> ifbenchOverrides = new HashMap<>();

    /** Responses by exact prompt text, in the map's iteration order (an embedder's in-memory responses). */
    public static Responses of(Map<String, String> byPrompt) {
        Responses responses = new Responses();
        byPrompt.forEach(responses::add);
        return responses;
    }

    /** Adds the file's next row. */
    void add(String prompt, String response) {
        byPrompt.put(prompt, response);
        // IFBench files the row under its prompt too: that entry is byPrompt's unless an override shadows it
        ifbenchOverrides.remove(prompt);
        String stripped = PythonText.strip(prompt);
        if (!stripped.equals(prompt)) {
            ifbenchOverrides.put(stripped, response);
        }
    }

    /** The response of {@code prompt}, null if the file has none for it. */
    public String of(IfevalPrompt prompt) {
        String text = prompt.prompt();
        if (prompt.harness() == Harness.IFEVAL) {
            return byPrompt.get(text);
        }
        String exact = ifbench(text);
        return exact != null ? exact : ifbench(PythonText.strip(text));
    }

    /** A lookup in IFBench's dictionary. */
    private String ifbench(String key) {
        String override = ifbenchOverrides.get(key);
        return override != null ? override : byPrompt.get(key);
    }

    /** IFEval's exact map, {@code prompt -> response}. */
    public Map<String, String> byPrompt() {
        return java.util.Collections.unmodifiableMap(byPrompt);
    }
}
