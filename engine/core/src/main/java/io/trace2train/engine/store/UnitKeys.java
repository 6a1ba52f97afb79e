package io.trace2train.engine.store;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import io.trace2train.engine.io.LongHashSet;
import io.trace2train.engine.run.WorkUnit;
import java.nio.charset.StandardCharsets;

/**
 * The units ({@link WorkUnit#key()}) a records file held so far, to find a unit's second record: 64 bits of
 * MurmurHash3 a unit, so a file of a million records costs 16 MB (two different units share a key with a chance of
 * about 1 in 30 million there).
 */
public final class UnitKeys {

    private static final HashFunction MURMUR = Hashing.murmur3_128();

    private final LongHashSet seen = new LongHashSet();

    /** @return whether the unit is new; false for a second record of it */
    public boolean add(String taskId, Integer forkIndex) {
        return seen.add(MURMUR.hashString(WorkUnit.key(taskId, forkIndex), StandardCharsets.UTF_8).asLong());
    }

    /** How a unit's second record is reported. */
    public static String duplicateMessage(String taskId, Integer forkIndex) {
        return "a second record of task " + taskId + (forkIndex == null ? "" : " fork " + forkIndex)
                + " (two runs wrote this file at once, or files were concatenated): a unit has one record";
    }

    /** How a record of another run is reported. */
    public static String otherRunMessage(String recordRunId, String manifestRunId) {
        return "a record of run " + recordRunId + ", but " + RunDirectory.MANIFEST + " is of run " + manifestRunId
                + " (records of another run were mixed in)";
    }
}
