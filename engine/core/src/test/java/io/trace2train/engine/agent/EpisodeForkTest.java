package io.trace2train.engine.agent;

import static io.trace2train.engine.agent.AgentLoopTest.SAMPLING;
import static io.trace2train.engine.agent.AgentLoopTest.add;
import static io.trace2train.engine.agent.AgentLoopTest.task;
import static io.trace2train.engine.agent.ScriptedAgent.calls;
import static io.trace2train.engine.agent.ScriptedAgent.says;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.env.Environment;
import io.trace2train.api.env.EnvironmentFactory;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ErrorKind;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.Episode;
import io.trace2train.api.task.Role;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.api.task.UserSpec;
import io.trace2train.engine.run.AgentBudget;
import io.trace2train.engine.run.Cancellation;
import io.trace2train.engine.run.Mode;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.testing.PluginJarBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuing an episode from a prefix (the foundation of {@code full_pcl}'s forks) on the counter environment: the
 * restored world, isolation between forks, the user side after the prefix, the budgets, and the fork point rule.
 */
class EpisodeForkTest {

    @TempDir
    static Path plugins;

    static Engine engine;
    static EnvironmentFactory counter;

    @BeforeAll
    static void start() throws Exception {
        PluginJarBuilder.counterEnvironmentPlugin("test.fork", "counting", "counter", "1.0.0")
                .build(plugins.resolve("counter.jar"));
        engine = Engine.start(EngineConfig.defaults().withPluginDirectory(plugins));
        counter = engine.environments().get("counter");
    }

    static EpisodeLoop loop(TaskSpec task, AgentBudget budget, ScriptedAgent model) {
        return new EpisodeLoop(task, model, SAMPLING, budget, Cancellation.none());
    }

    /** The episode so far: the task's messages, then add 2 answered by the counter with 2. */
    static List<ChatMessage> afterFirstAdd(TaskSpec task) {
        List<ChatMessage> prefix = new ArrayList<>(task.messages());
        prefix.add(ChatMessage.assistant("", List.of(add("a", 2))));
        prefix.add(ChatMessage.tool("a", "add", "2"));
        return prefix;
    }

    @Test
    void forksOfOnePrefixEachOwnTheirWorldAndNeverSeeAnothersWrites() {
        TaskSpec task = task("f", null);
        List<ChatMessage> prefix = afterFirstAdd(task);
        Environment one = EpisodeFork.restore(counter, Map.of(), prefix);
        Environment other = EpisodeFork.restore(counter, Map.of(), prefix);
        assertEquals(Integer.toHexString(2), one.stateDigest(), "the prefix's call was executed again");

        EpisodeLoop.Result ten = loop(task, AgentBudget.DEFAULT, new ScriptedAgent(r -> ScriptedAgent.step(r) == 1
                ? calls(add("b", 10)) : says("done"))).resume(prefix, null, one);
        EpisodeLoop.Result hundred = loop(task, AgentBudget.DEFAULT, new ScriptedAgent(r -> ScriptedAgent.step(r) == 1
                ? calls(add("b", 100)) : says("done"))).resume(prefix, null, other);

        assertEquals(Integer.toHexString(12), one.stateDigest());
        assertEquals(Integer.toHexString(102), other.stateDigest());
        assertEquals("12", ten.messages().get(prefix.size() + 1).content());
        assertEquals("102", hundred.messages().get(prefix.size() + 1).content());
        assertEquals(prefix, ten.messages().subList(0, prefix.size()));
        assertNull(ten.error());
    }

    @Test
    void aWorldThatAnswersOtherwiseThanThePrefixRecordedCannotBeRestored() {
        TaskSpec task = task("n", null);
        List<ChatMessage> prefix = afterFirstAdd(task);
        prefix.set(prefix.size() - 1, ChatMessage.tool("a", "add", "7"));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EpisodeFork.restore(counter, Map.of(), prefix));
        assertTrue(e.getMessage().contains("answered call a of message 2 otherwise than the episode recorded"),
                e.getMessage());
    }

    @Test
    void scriptedTurnsGoOnAfterThoseThePrefixHoldsAndTheFeedbackIsTheAgentsAlone() {
        TaskSpec task = task("u", UserSpec.scripted(List.of("Again.", "Once more.")));
        List<ChatMessage> prefix = new ArrayList<>(task.messages());
        prefix.add(ChatMessage.assistant("five"));
        prefix.add(ChatMessage.user("Again."));
        ChatMessage feedback = ChatMessage.user("Your previous attempt from this point on failed.");
        ScriptedAgent model = new ScriptedAgent(r -> says("answer " + ScriptedAgent.step(r)));

        EpisodeLoop.Result result = loop(task, AgentBudget.DEFAULT, model).resume(prefix, feedback,
                EpisodeFork.restore(counter, Map.of(), prefix));

        // the agent saw the prefix and the feedback; the next scripted turn is the second, not the first again
        assertEquals(feedback, model.requests().getFirst().messages().getLast());
        List<String> users = result.messages().subList(prefix.size() + 1, result.messages().size()).stream()
                .filter(m -> m.role() == Role.USER).map(ChatMessage::content).toList();
        assertEquals(List.of("Once more."), users);
        assertEquals(2, model.requests().size());
    }

    @Test
    void theSimulatorSeesThePrefixButNeverTheFeedback() {
        TaskSpec task = task("s", UserSpec.simulated("You want 2 and 3 added."));
        List<ChatMessage> prefix = afterFirstAdd(task);
        ChatMessage feedback = ChatMessage.user("Your previous attempt from this point on failed.");
        ScriptedAgent model = new ScriptedAgent(r -> ScriptedAgent.simulator(r) ? says(UserSpec.STOP)
                : says("The counter says 2."));

        loop(task, AgentBudget.DEFAULT, model).resume(prefix, feedback, EpisodeFork.restore(counter, Map.of(),
                prefix));

        List<ChatMessage> seen = model.requests().stream().filter(ScriptedAgent::simulator).findFirst().orElseThrow()
                .messages();
        assertTrue(seen.stream().noneMatch(m -> m.content().contains("previous attempt")), seen.toString());
        assertEquals(UserSimulator.conversation("You want 2 and 3 added.", List.of(prefix.get(0), prefix.get(1),
                ChatMessage.assistant("The counter says 2."))), seen);
    }

    @Test
    void thePrefixsTurnsAndCallsCountAgainstTheBudgetsItsTokensDoNot() {
        TaskSpec task = task("b", null);
        List<ChatMessage> prefix = afterFirstAdd(task);
        AgentBudget base = AgentBudget.DEFAULT;
        ScriptedAgent forever = new ScriptedAgent(r -> calls(add("c" + ScriptedAgent.step(r), 1)));

        // 3 steps: the prefix's one, then two more
        EpisodeLoop.Result steps = loop(task, new AgentBudget(3, base.maxToolCalls(), base.maxTokens(),
                base.wallTime()), forever).resume(prefix, null, EpisodeFork.restore(counter, Map.of(), prefix));
        assertEquals(ErrorKind.BUDGET.json(), steps.error().kind());
        assertEquals(2, steps.steps());

        // 2 tool calls: the prefix's one, then one more; the next is refused
        EpisodeLoop.Result calls = loop(task, new AgentBudget(base.maxSteps(), 2, base.maxTokens(),
                base.wallTime()), forever).resume(prefix, null, EpisodeFork.restore(counter, Map.of(), prefix));
        assertTrue(calls.error().message().contains("2 tool calls"), calls.error().message());
        assertEquals(List.of("2", "3"), calls.messages().stream().filter(m -> m.role() == Role.TOOL)
                .map(ChatMessage::content).limit(2).toList());

        // tokens: the continuation's own, 10 per message sent and 1 per call: the first call takes 41, the second
        // would start at the budget
        EpisodeLoop.Result tokens = loop(task, new AgentBudget(base.maxSteps(), base.maxToolCalls(), 41,
                Duration.ofMinutes(1)), forever).resume(prefix, null, EpisodeFork.restore(counter, Map.of(),
                prefix));
        assertTrue(tokens.error().message().contains("41 tokens"), tokens.error().message());
        assertEquals(1, tokens.steps());
    }

    @Test
    void aPrefixEndingWithTheAgentsTurnOrWithoutTheTasksMessagesIsRefused() {
        TaskSpec task = task("r", null);
        List<ChatMessage> answered = new ArrayList<>(task.messages());
        answered.add(ChatMessage.assistant("five"));
        EpisodeLoop loop = loop(task, AgentBudget.DEFAULT, new ScriptedAgent(r -> says("x")));
        assertThrows(IllegalArgumentException.class, () -> loop.resume(answered, null, null));
        assertThrows(IllegalArgumentException.class, () -> loop.resume(List.of(ChatMessage.user("Add.")), null, null));
    }

    @Test
    void theForkPointIsTheFirstBlamedTurnOrTheLastTurnWithoutBlame() {
        TaskSpec task = task("p", null);
        List<ChatMessage> messages = new ArrayList<>(afterFirstAdd(task));
        messages.add(ChatMessage.assistant("", List.of(add("b", 4))));
        messages.add(ChatMessage.tool("b", "add", "6"));
        messages.add(ChatMessage.assistant("The sum is 6."));
        Episode episode = new Episode(messages, task.tools());

        // env:state_matches over the counter blames calls; the earliest blamed turn wins, a tool result is its call's
        var judge = engine.verifiers();
        var blame = new io.trace2train.api.repair.ConstraintCheck(0, ConstraintSpec.hard("env:state_matches",
                Map.of(), 0), io.trace2train.api.verify.Verdict.failAt(judge.create("tool:known", Map.of()), "x", "y",
                "h", List.of(new io.trace2train.api.verify.StepEvidence(5, "b", "wrong"),
                        new io.trace2train.api.verify.StepEvidence(3, "a", "wrong result"))));
        assertEquals(2, EpisodeFork.at(episode, 2, List.of(blame)));
        // no step blamed: before the agent's last turn
        var unblamed = new io.trace2train.api.repair.ConstraintCheck(0, ConstraintSpec.hard("tool:known",
                Map.of(), 0), io.trace2train.api.verify.Verdict.failAt(judge.create("tool:known", Map.of()), "x", "y",
                "h", List.of()));
        assertEquals(6, EpisodeFork.at(episode, 2, List.of(unblamed)));
        // never inside the task's own messages
        assertEquals(3, EpisodeFork.at(episode, 3, List.of(blame)));
    }

    @Test
    void fullPclRollsBackABranchThatBreaksWhatHeldAndStopsWithoutWastingTheRound() {
        // the answer must say "seven" (fails); every fork of the agent calls a tool the task does not offer
        TaskSpec task = task("rb", null, ConstraintSpec.hard("keywords:existence", Map.of("keywords",
                List.of("seven")), 2));
        ScriptedAgent model = new ScriptedAgent(r -> TauAirlineAgentTest.toldWhatFailed(r)
                ? (ScriptedAgent.step(r) == 0 ? calls(new io.trace2train.api.env.ToolCall("x", "subtract", "{}"))
                        : says("seven"))
                : says("five"));

        ComplianceRecord record = new AgentRunner(io.trace2train.engine.run.RunSettings.of(Mode.FULL_PCL, SAMPLING),
                model, engine.verifiers(), engine.environments(), List.of(),
                engine.rewards().get("constraint_share"),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), 1)
                .run("run-1", new io.trace2train.engine.run.WorkUnit(task, null, SAMPLING), Cancellation.none());

        assertEquals(2, record.attempts().size());
        AttemptRecord fork = record.attempts().get(1);
        assertTrue(fork.rolledBack());
        assertTrue(fork.note().startsWith("rolled back: breaks hard constraints [0]"), fork.note());
        assertEquals(2, fork.branch().forkAt(), "no step blamed: before the agent's last (only) turn");
        assertEquals("five", record.finalOutput(), "the previous episode is kept");
        assertEquals(0, record.roundsUsed());
        assertTrue(record.notes().stream().anyMatch(n -> n.startsWith("full_pcl: nothing left to try after round 0")),
                record.notes().toString());
    }
}
