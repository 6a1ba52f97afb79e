package io.trace2train.engine.ifeval;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.verify.Verifier;
import java.util.List;

/**
 * One IFEval or IFBench input row with its verifiers already built.
 *
 * @param key the row's key as written (IFEval's integers in decimal, IFBench's strings as they are)
 * @param harness whose harness finds its response (IFBench's for a string key)
 * @param prompt the prompt text (responses join on it)
 * @param instructionIds the instruction ids, in input order
 * @param verifiers one verifier per instruction id
 */
public record IfevalPrompt(String key, Harness harness, String prompt, List<String> instructionIds,
        List<Verifier> verifiers) {

    public IfevalPrompt {
        requireNonNull(key, "key");
        requireNonNull(harness, "harness");
        requireNonNull(prompt, "prompt");
        instructionIds = List.copyOf(instructionIds);
        verifiers = List.copyOf(verifiers);
        if (instructionIds.size() != verifiers.size()) {
            throw new IllegalArgumentException("one verifier per instruction id");
        }
    }
}
