/** The engine's configuration (plugin folder, config file, version) and the checks of named plugin options. */
@NullMarked
package io.trace2train.engine.config;

import org.jspecify.annotations.NullMarked;
