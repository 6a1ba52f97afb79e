/** The compliance run of one task: backend calls, the repair planner, modes, seeds and meters. */
@NullMarked
package io.trace2train.engine.run;

import org.jspecify.annotations.NullMarked;
