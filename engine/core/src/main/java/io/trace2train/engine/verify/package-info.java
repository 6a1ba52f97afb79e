/** Verifiers as the engine uses them: the registry by instruction id and the strict and loose judgement. */
@NullMarked
package io.trace2train.engine.verify;

import org.jspecify.annotations.NullMarked;
