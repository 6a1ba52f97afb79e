/** File plumbing shared by every package: atomic writes, JSON lines, digests, and the one bad-input exception. */
@NullMarked
package io.trace2train.engine.io;

import org.jspecify.annotations.NullMarked;
