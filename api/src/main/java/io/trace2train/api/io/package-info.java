/** Files written whole or not at all, for the engine, its front doors and plugins alike. */
package io.trace2train.api.io;
