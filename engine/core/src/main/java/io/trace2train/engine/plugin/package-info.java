/** Plugin loading (class path and isolated plugin jars) and the generic registries of what plugins contribute. */
@NullMarked
package io.trace2train.engine.plugin;

import org.jspecify.annotations.NullMarked;
