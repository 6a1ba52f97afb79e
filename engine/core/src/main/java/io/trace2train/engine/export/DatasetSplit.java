package io.trace2train.engine.export;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which split a task's rows go to: validation iff the first 64 bits of SHA-256(seed, task id), as a fraction of
 * 2^64, fall under the validation share. A task's rows (its forks, its pairs) all land in one split, and the same
 * task lands in the same split for the same seed whatever else the input holds, so a rerun on more data never moves
 * a task from validation into train.
 *
 * @param validationShare the share of tasks in validation, from 0 (one {@code train} split) to below 1
 * @param seed the split's seed
 */
public record DatasetSplit(double validationShare, long seed) {

    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    /** One {@code train} split. */
    public static final DatasetSplit NONE = new DatasetSplit(0, 0);

    public DatasetSplit {
        if (!(validationShare >= 0 && validationShare < 1)) {
            throw new IllegalArgumentException("the validation share must be at least 0 and below 1, got "
                    + validationShare);
        }
    }

    /** Whether there is a validation split at all. */
    public boolean splits() {
        return validationShare > 0;
    }

    /** {@link #TRAIN} or {@link #VALIDATION}. */
    public String of(String taskId) {
        if (!splits()) {
            return TRAIN;
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
        byte[] digest = sha.digest(taskId.getBytes(StandardCharsets.UTF_8));
        long bits = ByteBuffer.wrap(digest).getLong();
        // the unsigned 64 bits as a fraction of 2^64
        double fraction = (bits >>> 11) * 0x1.0p-53;
        return fraction < validationShare ? VALIDATION : TRAIN;
    }
}
