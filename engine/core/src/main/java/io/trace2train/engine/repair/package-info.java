/** Repair of failed answers: the strategies (deterministic patches, regeneration) and the feedback prompts. */
@NullMarked
package io.trace2train.engine.repair;

import org.jspecify.annotations.NullMarked;
