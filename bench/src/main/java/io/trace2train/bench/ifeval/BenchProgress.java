package io.trace2train.bench.ifeval;

import io.trace2train.api.record.ComplianceRecord;

/** Told how a benchmark's units go: one count over every mode and seed. */
public interface BenchProgress {

    /** Nothing is shown. */
    BenchProgress NONE = new BenchProgress() {
        @Override
        public void start(long units, long alreadyDone) {
        }

        @Override
        public void finished(String run, ComplianceRecord record) {
        }
    };

    /** Once, before the first unit runs: units over every run, and those a resumed benchmark already has. */
    void start(long units, long alreadyDone);

    /** A run about to start already has {@code units} records (a resumed benchmark). */
    default void alreadyDone(long units) {
    }

    /** A unit of {@code run} (e.g. {@code full_pcl-seed42}) has its record; called from worker threads. */
    void finished(String run, ComplianceRecord record);
}
