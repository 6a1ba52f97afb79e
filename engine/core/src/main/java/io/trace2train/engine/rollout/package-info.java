/** Rollouts: fork plans, temperature schedules, and the ranking of forks by reward. */
@NullMarked
package io.trace2train.engine.rollout;

import org.jspecify.annotations.NullMarked;
