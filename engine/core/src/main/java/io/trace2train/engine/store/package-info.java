/** Run folders: the manifest, the append-only records file, its lock, and the executor that fills them. */
@NullMarked
package io.trace2train.engine.store;

import org.jspecify.annotations.NullMarked;
