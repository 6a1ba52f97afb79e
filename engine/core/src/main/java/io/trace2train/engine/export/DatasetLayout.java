package io.trace2train.engine.export;

import static java.util.Objects.requireNonNull;

/**
 * How an export lays out its files.
 *
 * @param parquet whether the target is a Hugging Face Hub dataset folder of Parquet files ({@code README.md},
 *     {@code data/train-00000-of-00001.parquet}, ...) rather than one JSONL file
 * @param split which split each task's rows go to
 */
public record DatasetLayout(boolean parquet, DatasetSplit split) {

    /** One JSONL file, one split: the export as it always was. */
    public static final DatasetLayout JSONL = new DatasetLayout(false, DatasetSplit.NONE);

    public DatasetLayout {
        requireNonNull(split, "split");
    }

    /** Whether rows are written as they come, byte for byte, to the one file (no parsing, no routing). */
    boolean direct() {
        return !parquet && !split.splits();
    }
}
