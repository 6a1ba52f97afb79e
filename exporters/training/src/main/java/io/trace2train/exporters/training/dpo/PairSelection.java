package io.trace2train.exporters.training.dpo;

/**
 * Which preference pairs a task gives.
 *
 * @param allPairs every passing fork against every failing one, rather than only the best passing fork
 * @param maxPairs pairs per task at most
 * @param fromForks pairs of forks: a passing fork's output against a failing fork's
 * @param fromRepairs pairs of a repair trace: a record's passing final output against its own failed attempts
 */
record PairSelection(boolean allPairs, int maxPairs, boolean fromForks, boolean fromRepairs) {
}
