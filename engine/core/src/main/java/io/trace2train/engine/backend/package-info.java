/** Model backends as the engine uses them: the registry of backend plugins and backends that wrap another. */
@NullMarked
package io.trace2train.engine.backend;

import org.jspecify.annotations.NullMarked;
