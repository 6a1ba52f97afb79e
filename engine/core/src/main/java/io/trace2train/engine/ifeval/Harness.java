package io.trace2train.engine.ifeval;

/**
 * Whose evaluation harness a prompt row follows. They judge alike (strict: a non-blank response that passes; loose:
 * any of the 8 non-blank loose variants passes) but find the response differently. IFBench's test file writes its
 * keys as strings, IFEval's as integers, so the key tells them apart, row by row.
 */
public enum Harness {

    /** IFEval's: the response of exactly the prompt's text. */
    IFEVAL,

    /**
     * IFBench's ({@code evaluation_lib.get_response_for_prompt}): the response of exactly the prompt's text, else of
     * the stripped prompt, where the responses file is read as IFBench reads it (each row filed under its prompt and,
     * if different, its stripped prompt; a later row wins).
     */
    IFBENCH;

    /** The harness of a row whose key was written as a string ({@code true}) or an integer. */
    static Harness ofKey(boolean textKey) {
        return textKey ? IFBENCH : IFEVAL;
    }
}
