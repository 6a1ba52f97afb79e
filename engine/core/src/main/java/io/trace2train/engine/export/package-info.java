/** Training data from run folders: the exporter registry, the streaming export with filters, and dataset cards. */
@NullMarked
package io.trace2train.engine.export;

import org.jspecify.annotations.NullMarked;
