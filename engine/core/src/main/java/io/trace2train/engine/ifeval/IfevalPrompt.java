package io.trace2train.engine.ifeval;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.verify.Verifier;
import java.util.List;

/**
 * One IFEval input row with its verifiers already built.
 *
 * @param key the row's key
 * @param prompt the prompt text (responses join on it exactly)
 * @param instructionIds the instruction ids, in input order
 * @param verifiers one verifier per instruction id
 */
public record IfevalPrompt(long key, String prompt, List<String> instructionIds, List<Verifier> verifiers) {

    public IfevalPrompt {
        requireNonNull(prompt, "prompt");
        instructionIds = List.copyOf(instructionIds);
        verifiers = List.copyOf(verifiers);
        if (instructionIds.size() != verifiers.size()) {
            throw new IllegalArgumentException("one verifier per instruction id");
        }
    }
}
