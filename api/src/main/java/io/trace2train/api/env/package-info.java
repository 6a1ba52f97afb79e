/** Environments: the worlds an agent's tools act on, and the tool-calling vocabulary they share with episodes. */
package io.trace2train.api.env;
