/** Task files: loading and checking tasks, streaming them, and sampling prompts. */
@NullMarked
package io.trace2train.engine.task;

import org.jspecify.annotations.NullMarked;
