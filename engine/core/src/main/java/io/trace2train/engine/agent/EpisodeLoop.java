package io.trace2train.engine.agent;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.env.Environment;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.env.ToolResult;
import io.trace2train.api.record.ErrorKind;
import io.trace2train.api.record.RunError;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Role;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.api.task.UserSpec;
import io.trace2train.engine.run.AgentBudget;
import io.trace2train.engine.run.Cancellation;
import io.trace2train.engine.run.SeedSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Runs episodes of one task: the agent is sent the conversation and the tools; its tool calls are executed in order
 * (parallel calls of one message one after the other) and answered; once it answers the user, the user side speaks
 * (the next scripted turn, or the simulator's next message) until the turns run out or the simulator stops. Every
 * model call's seed comes from the task's {@link SeedSequence}, counted across the task's episodes (the simulator's
 * from a sequence of its own), so the same run seed gives the same episodes. Not thread-safe: one per unit of work.
 */
final class EpisodeLoop {

    /**
     * One episode as it ended.
     *
     * @param messages the whole conversation
     * @param promptTokens prompt tokens of every model call (the simulator's included)
     * @param completionTokens completion tokens of every model call
     * @param firstSeed the seed of the agent's first call
     * @param steps the agent's model calls in this run (a prefix's turns not included)
     * @param notes the malformed calls, by message and call id
     * @param error why the episode ended early (a budget used up), or null when it ended as the task says
     */
    record Result(List<ChatMessage> messages, int promptTokens, int completionTokens, long firstSeed, int steps,
            List<String> notes, @Nullable RunError error) {

        Result {
            messages = List.copyOf(messages);
            notes = List.copyOf(notes);
        }
    }

    /** A budget used up: ends the episode with its kind and message. */
    private static final class Exhausted extends RuntimeException {

        private final ErrorKind kind;

        Exhausted(ErrorKind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }

    /**
     * The shared start of a task's forks branched at a step: the episode up to just before the agent's model call
     * {@code steps + 1}, and what it used, from which each fork {@linkplain #run(Prefix, Environment) continues}.
     *
     * @param played the episode so far (its error: why it ended early)
     * @param ended whether the episode ended within the prefix (the user side stopped, or an error): forks then have
     *     nothing to continue
     * @param started the messages the episode started from
     * @param toolCalls tool calls executed
     * @param userTurns scripted user turns spoken
     * @param userCalls model calls of the user simulator
     */
    record Prefix(Result played, boolean ended, int started, int toolCalls, int userTurns, int userCalls) {

        Prefix {
            requireNonNull(played, "played");
        }
    }

    /** The prefix's last step is taken: the episode stops before the next model call of the agent. */
    private static final class Paused extends RuntimeException {

        Paused() {
            super(null, null, false, false);
        }
    }

    private final TaskSpec task;
    private final ModelBackend backend;
    private final GenerationSettings generation;
    private final AgentBudget budget;
    private final Cancellation cancellation;
    private final SeedSequence agentSeeds;
    private final SeedSequence userSeeds;
    private int agentCalls;
    private int userCalls;

    EpisodeLoop(TaskSpec task, ModelBackend backend, GenerationSettings generation, AgentBudget budget,
            Cancellation cancellation) {
        this.task = requireNonNull(task, "task");
        this.backend = requireNonNull(backend, "backend");
        this.generation = requireNonNull(generation, "generation");
        this.budget = requireNonNull(budget, "budget");
        this.cancellation = requireNonNull(cancellation, "cancellation");
        this.agentSeeds = new SeedSequence(generation.seed(), task.id());
        this.userSeeds = new SeedSequence(generation.seed(), "user\u0000" + task.id());
    }

    /** Model calls of the agent so far, over every episode of the task. */
    int agentCalls() {
        return agentCalls;
    }

    /**
     * Runs one episode from {@code start} with its tools answered by {@code environment} (null for none).
     *
     * @throws io.trace2train.api.backend.BackendException when a model call fails for good
     * @throws Cancellation.CancelledException when the unit is cancelled
     */
    Result run(List<ChatMessage> start, @Nullable Environment environment) {
        return run(start, environment, null);
    }

    /**
     * As {@link #run(List, Environment)}, the agent's first call (the same conversation for every fork of the task)
     * made by {@code first}, which may make it with those of the task's other forks.
     *
     * @param first makes the request it is given (its seed: this loop's for that call), or null: the backend
     */
    Result run(List<ChatMessage> start, @Nullable Environment environment,
            @Nullable Function<GenerationRequest, Generation> first) {
        // a retry's feedback (the messages after the task's) is the agent's, not the user's
        Episode episode = new Episode(start, new ToolRuntime(task.tools(), environment),
                Math.min(task.messages().size(), start.size()), start.size());
        episode.first = first;
        return play(episode);
    }

    /**
     * Continues an episode from {@code prefix}, the episode so far, with {@code feedback} sent to the agent after it:
     * how {@code full_pcl} forks an episode. The result's messages are the conversation as the agent saw it: the
     * prefix, the feedback, then the continuation. Scripted user turns go on after those the prefix holds; the user
     * simulator sees the prefix and the continuation, never the feedback. Budgets: the fork is one episode as the
     * world sees it, so the prefix's agent turns count against the step budget and its tool results against the
     * tool-call budget; tokens and wall time count this continuation's own calls only (the prefix's were spent, and
     * recorded, by the attempt that played it).
     *
     * @param prefix the task's messages and the episode after them, ending where the agent speaks next (after a user
     *     turn or tool results)
     * @param feedback what the agent is told after the prefix, or null
     * @param environment in the state the prefix's calls left it (null for none)
     * @throws IllegalArgumentException when the prefix ends with an agent turn, or holds fewer than the task's
     *     messages
     */
    Result resume(List<ChatMessage> prefix, @Nullable ChatMessage feedback, @Nullable Environment environment) {
        int own = task.messages().size();
        if (prefix.size() < own || !prefix.subList(0, own).equals(task.messages())) {
            throw new IllegalArgumentException("a prefix starts with the task's " + own + " messages");
        }
        if (prefix.size() > own && prefix.getLast().role() == Role.ASSISTANT) {
            throw new IllegalArgumentException("a prefix ends where the agent speaks next, not with its turn");
        }
        List<ChatMessage> start = new ArrayList<>(prefix);
        if (feedback != null) {
            start.add(feedback);
        }
        Episode episode = new Episode(start, new ToolRuntime(task.tools(), environment), prefix.size(), start.size());
        for (ChatMessage message : prefix.subList(own, prefix.size())) {
            switch (message.role()) {
                case ASSISTANT -> {
                    episode.steps++;
                    episode.priorSteps++;
                }
                case TOOL -> episode.toolCalls++;
                case USER -> episode.userTurns++;
                default -> {
                }
            }
        }
        return play(episode);
    }

    /**
     * Runs the first {@code steps} agent model calls of an episode from {@code start} (with the simulator's turns
     * between them), stopping before the next one: the prefix the forks of a task branched there share.
     */
    Prefix prefix(List<ChatMessage> start, @Nullable Environment environment, int steps) {
        Episode episode = new Episode(start, new ToolRuntime(task.tools(), environment),
                Math.min(task.messages().size(), start.size()), start.size());
        episode.pauseAt = steps;
        Result played = play(episode);
        return new Prefix(played, !episode.paused, episode.hiddenTo, episode.toolCalls, episode.userTurns, userCalls);
    }

    /**
     * Continues the episode {@code prefix} began, with this loop's seeds from the prefix's next call on, in
     * {@code environment} as the prefix left it. A prefix that ended is the whole episode.
     */
    Result run(Prefix prefix, @Nullable Environment environment) {
        return run(prefix, environment, null);
    }

    /**
     * As {@link #run(Prefix, Environment)}, the agent's first call after the prefix (a conversation every fork of the
     * task sends alike, each with its own seed and temperature) made by {@code first}, which may make it with those
     * of the task's other forks; the later calls go to the backend.
     *
     * @param first makes the request it is given (its seed: this loop's for that call), or null: the backend
     */
    Result run(Prefix prefix, @Nullable Environment environment,
            @Nullable Function<GenerationRequest, Generation> first) {
        if (prefix.ended()) {
            return prefix.played();
        }
        agentCalls = Math.max(agentCalls, prefix.played().steps());
        userCalls = Math.max(userCalls, prefix.userCalls());
        Episode episode = new Episode(prefix, new ToolRuntime(task.tools(), environment));
        episode.first = first;
        return play(episode);
    }

    private Result play(Episode episode) {
        try (EpisodeClock clock = new EpisodeClock(budget.wallTime())) {
            try {
                episode.play(clock);
            } catch (Paused e) {
                episode.paused = true;
            } catch (Exhausted e) {
                return episode.result(new RunError(e.kind.json(), e.getMessage(), episode.stage));
            } catch (RuntimeException e) {
                // a model call the clock interrupted fails; the clock is the reason, unless the unit was cancelled
                if (clock.expired() && cancellation.reason() == null) {
                    return episode.result(wallTime(episode.stage));
                }
                throw e;
            }
            return episode.result(null);
        }
    }

    private RunError wallTime(String stage) {
        return new RunError(ErrorKind.TIMEOUT.json(), "the episode used up its wall time of "
                + budget.wallTime().toSeconds() + " s", stage);
    }

    /** The state of one episode. */
    private final class Episode {

        private final List<ChatMessage> messages;
        private final int hiddenFrom;
        private final int hiddenTo;
        private final ToolRuntime tools;
        private final List<String> notes = new ArrayList<>();
        private int promptTokens;
        private int completionTokens;
        private long firstSeed = -1;
        private int steps;
        private int priorSteps;
        private int pauseAt = Integer.MAX_VALUE;
        private boolean paused;
        private int toolCalls;
        private int userTurns;
        private String stage = "generate";
        /** Makes the agent's next call in place of the backend, once; null: the backend makes it. */
        private @Nullable Function<GenerationRequest, Generation> first;

        /** @param hiddenFrom the first message the user side does not see (feedback to the agent), to hiddenTo */
        Episode(List<ChatMessage> start, ToolRuntime tools, int hiddenFrom, int hiddenTo) {
            this.messages = new ArrayList<>(start);
            this.hiddenFrom = hiddenFrom;
            this.hiddenTo = hiddenTo;
            this.tools = tools;
        }

        /** The episode a prefix began, to continue; the user side sees all of it but a retry's feedback. */
        Episode(Prefix prefix, ToolRuntime tools) {
            Result played = prefix.played();
            this.messages = new ArrayList<>(played.messages());
            this.hiddenFrom = Math.min(task.messages().size(), prefix.started());
            this.hiddenTo = prefix.started();
            this.tools = tools;
            this.notes.addAll(played.notes());
            this.promptTokens = played.promptTokens();
            this.completionTokens = played.completionTokens();
            this.firstSeed = played.firstSeed();
            this.steps = played.steps();
            this.toolCalls = prefix.toolCalls();
            this.userTurns = prefix.userTurns();
        }

        void play(EpisodeClock clock) {
            UserSpec user = task.user();
            while (true) {
                agentTurn(clock);
                if (user == null) {
                    return;
                }
                if (user.simulator() == null) {
                    if (userTurns == user.turns().size()) {
                        return;
                    }
                    messages.add(ChatMessage.user(user.turns().get(userTurns++)));
                } else {
                    String said = simulate(user.simulator().instruction(), clock);
                    messages.add(ChatMessage.user(said));
                    if (UserSimulator.stops(said)) {
                        return;
                    }
                }
            }
        }

        /** The agent's calls until it answers the user. */
        private void agentTurn(EpisodeClock clock) {
            while (true) {
                if (steps == pauseAt) {
                    throw new Paused();
                }
                before(clock, "generate");
                if (steps >= budget.maxSteps()) {
                    throw new Exhausted(ErrorKind.BUDGET, "the episode used up its " + budget.maxSteps()
                            + " model steps before the agent answered the user");
                }
                long seed = agentSeeds.seed(agentCalls++);
                if (firstSeed < 0) {
                    firstSeed = seed;
                }
                steps++;
                GenerationRequest request = new GenerationRequest(task.id(), messages, generation.withSeed(seed),
                        task.tools());
                Generation answer;
                if (first != null) {
                    Function<GenerationRequest, Generation> via = first;
                    first = null;
                    answer = counted(via.apply(request));
                } else {
                    answer = call(request);
                }
                if (!answer.callsTools()) {
                    messages.add(ChatMessage.assistant(answer.text()));
                    return;
                }
                messages.add(ChatMessage.assistant(answer.text(), answer.toolCalls()));
                executeAll(answer.toolCalls(), clock);
            }
        }

        /** Answers every call of one message; past the budget the rest are answered as refused, so none dangles. */
        private void executeAll(List<ToolCall> calls, EpisodeClock clock) {
            int message = messages.size() - 1;
            Exhausted exhausted = null;
            for (ToolCall call : calls) {
                ToolResult result;
                if (exhausted == null && toolCalls >= budget.maxToolCalls()) {
                    exhausted = new Exhausted(ErrorKind.BUDGET, "the episode used up its " + budget.maxToolCalls()
                            + " tool calls");
                }
                if (exhausted != null) {
                    result = ToolResult.failed("Error: the episode's budget of " + budget.maxToolCalls()
                            + " tool calls is used up");
                } else {
                    before(clock, "tool");
                    String problem = tools.malformed(call);
                    if (problem != null) {
                        notes.add("message " + message + ", call " + call.id() + ": " + problem);
                    }
                    toolCalls++;
                    result = tools.execute(call);
                }
                messages.add(ChatMessage.tool(call.id(), call.name(), result.content()));
            }
            if (exhausted != null) {
                throw exhausted;
            }
        }

        private String simulate(String instruction, EpisodeClock clock) {
            before(clock, "user");
            long seed = userSeeds.seed(userCalls++);
            // the user saw the conversation, not the feedback a retry or a fork gives the agent
            List<ChatMessage> seen = new ArrayList<>(messages.subList(0, hiddenFrom));
            seen.addAll(messages.subList(hiddenTo, messages.size()));
            return call(new GenerationRequest(task.id(), UserSimulator.conversation(instruction, seen),
                    generation.withSeed(seed))).text();
        }

        private void before(EpisodeClock clock, String where) {
            stage = where;
            cancellation.at(where);
            cancellation.check();
            if (clock.expired()) {
                throw new Exhausted(ErrorKind.TIMEOUT, wallTime(where).message());
            }
            if (promptTokens + (long) completionTokens >= budget.maxTokens() && !where.equals("tool")) {
                throw new Exhausted(ErrorKind.BUDGET, "the episode used up its " + budget.maxTokens() + " tokens");
            }
        }

        private Generation call(GenerationRequest request) {
            return counted(backend.generate(request));
        }

        private Generation counted(Generation generation) {
            promptTokens += generation.promptTokens();
            completionTokens += generation.completionTokens();
            return generation;
        }

        Result result(@Nullable RunError error) {
            return new Result(messages, promptTokens, completionTokens, firstSeed, steps - priorSteps, notes, error);
        }
    }
}
