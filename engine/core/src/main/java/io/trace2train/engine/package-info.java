/**
 * The engine as a library: {@link io.trace2train.engine.Engine} and its use cases (runs, exports, verification), with
 * their typed specs and results; the one API an embedder or a front door uses.
 */
@NullMarked
package io.trace2train.engine;

import org.jspecify.annotations.NullMarked;
