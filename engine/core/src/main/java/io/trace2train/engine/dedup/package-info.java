/**
 * Near-duplicate and benchmark-overlap screening of training rows: words, shingles, duplicate clusters and the
 * benchmark n-gram index, handed out by {@link io.trace2train.engine.Dedup} and
 * {@link io.trace2train.engine.Contamination}.
 */
@NullMarked
package io.trace2train.engine.dedup;

import org.jspecify.annotations.NullMarked;
