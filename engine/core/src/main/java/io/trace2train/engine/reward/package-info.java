/** Reward functions that score a record for ranking and export. */
@NullMarked
package io.trace2train.engine.reward;

import org.jspecify.annotations.NullMarked;
