/**
 * The agent loop: tasks with tools run as episodes (model calls, tool calls executed in the task's environment, the
 * user side's turns) within budgets, judged and recorded as imported episodes are, and repaired by forking them at
 * the failing step ({@code full_pcl}).
 */
@NullMarked
package io.trace2train.engine.agent;

import org.jspecify.annotations.NullMarked;
