package io.trace2train.exporters.training.sft;

/** Which assistant turns of an agent episode an SFT row trains on. */
enum TrainOn {
    /** Every assistant turn: each tool call and the final answer. */
    ALL,
    /** Only the last assistant turn; the turns before it are context. */
    FINAL
}
