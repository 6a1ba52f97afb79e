/** The versioned record format: its JSON mapper and JSON Schema checks. */
@NullMarked
package io.trace2train.engine.record;

import org.jspecify.annotations.NullMarked;
