/** IFEval-style evaluation: prompts and responses read in the reference's formats, judged, and scored as accuracy. */
@NullMarked
package io.trace2train.engine.ifeval;

import org.jspecify.annotations.NullMarked;
