package io.trace2train.engine.agent;

import static io.trace2train.engine.agent.ScriptedAgent.calls;
import static io.trace2train.engine.agent.ScriptedAgent.says;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.env.EnvironmentSpec;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ErrorKind;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.Role;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.api.task.UserSpec;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.run.AgentBudget;
import io.trace2train.engine.run.Cancellation;
import io.trace2train.engine.run.Mode;
import io.trace2train.engine.run.RunSettings;
import io.trace2train.engine.run.SeedSequence;
import io.trace2train.engine.run.WorkUnit;
import io.trace2train.engine.store.RecordValidator;
import io.trace2train.testing.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent loop on a scripted tool-calling model (the backend boundary) and a real plugin environment (a counter
 * whose one tool, {@code add}, adds the integer it is given): budgets, malformed and parallel calls, the user side,
 * seeds, environment isolation and the records.
 */
class AgentLoopTest {

    static final GenerationSettings SAMPLING = new GenerationSettings(0.7, 0.95, 1234, 64, List.of());
    static final ToolDefinition ADD = new ToolDefinition("add", "Adds n.", Map.of("type", "object"));
    static final List<ConstraintSpec> STRUCTURAL = List.of(ConstraintSpec.hard("tool:known", Map.of(), 0),
            ConstraintSpec.hard("tool:answered", Map.of(), 1));

    @TempDir
    static Path plugins;

    @TempDir
    Path dir;

    static Engine engine;

    @BeforeAll
    static void counter() throws Exception {
        PluginJarBuilder.counterEnvironmentPlugin("test.loop", "counting", "counter", "1.0.0")
                .build(plugins.resolve("counter.jar"));
        engine = Engine.start(EngineConfig.defaults().withPluginDirectory(plugins));
    }

    static TaskSpec task(String id, UserSpec user, ConstraintSpec... extra) {
        List<ConstraintSpec> constraints = new ArrayList<>(STRUCTURAL);
        constraints.addAll(List.of(extra));
        return new TaskSpec(id, List.of(ChatMessage.system("You count."), ChatMessage.user("Add 2 and 3.")),
                constraints, List.of(ADD), EnvironmentSpec.of("counter"), user);
    }

    static ToolCall add(String id, int n) {
        return new ToolCall(id, "add", Integer.toString(n));
    }

    static AgentRunner runner(ScriptedAgent model, Mode mode, AgentBudget budget) {
        return new AgentRunner(RunSettings.of(mode, SAMPLING).withBudget(budget), model, engine.verifiers(),
                engine.environments(), List.copyOf(engine.repairStrategies().all().values()),
                engine.rewards().get("constraint_share"), new SimpleMeterRegistry(), 1);
    }

    static ComplianceRecord run(ScriptedAgent model, TaskSpec task) {
        return run(model, task, Mode.DIRECT, AgentBudget.DEFAULT);
    }

    static ComplianceRecord run(ScriptedAgent model, TaskSpec task, Mode mode, AgentBudget budget) {
        return runner(model, mode, budget).run("run-1", new WorkUnit(task, null, SAMPLING), Cancellation.none());
    }

    /** Adds 2 and 3 in parallel, then says the sum the counter reached. */
    static Generation parallelAdds(GenerationRequest request) {
        return ScriptedAgent.step(request) == 0 ? calls(add("a", 2), add("b", 3))
                : says("The sum is " + ScriptedAgent.last(request).content() + ".");
    }

    @Test
    void parallelCallsRunInOrderInTheEnvironmentAndTheRecordIsAnEpisode() throws Exception {
        ScriptedAgent model = new ScriptedAgent(AgentLoopTest::parallelAdds);

        ComplianceRecord record = run(model, task("t1", null));

        assertNull(record.error());
        List<ChatMessage> messages = record.episode().messages();
        assertEquals(List.of(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL, Role.ASSISTANT),
                messages.stream().map(ChatMessage::role).toList());
        assertEquals(List.of("2", "5"), List.of(messages.get(3).content(), messages.get(4).content()));
        assertEquals(List.of("a", "b"), List.of(messages.get(3).toolCallId(), messages.get(4).toolCallId()));
        assertEquals("The sum is 5.", record.finalOutput());
        assertTrue(record.passed());
        assertEquals("counter", record.environment().name());
        assertEquals(Integer.toHexString(5), record.environment().finalStateDigest());
        assertEquals(0, record.environment().resultsCompared(), "no logged results to compare with");
        // one attempt per episode; tokens are the sum over its calls (10 per message sent, the answers' own)
        assertEquals(1, record.attempts().size());
        assertEquals("generate", record.attempts().getFirst().strategy());
        assertEquals(10 * 2 + 10 * 5, record.tokens().prompt());
        assertEquals(2 + "The sum is 5.".length(), record.tokens().completion());
        // every model call got the tools; the seeds are the run's sequence for the task
        SeedSequence seeds = new SeedSequence(SAMPLING.seed(), "t1");
        assertEquals(List.of(seeds.seed(0), seeds.seed(1)),
                model.requests().stream().map(r -> r.settings().seed()).toList());
        assertTrue(model.requests().stream().allMatch(r -> r.tools().equals(List.of(ADD))));
        assertEquals(seeds.seed(0), record.attempts().getFirst().seed());
        Path file = Files.writeString(dir.resolve("records.jsonl"), RecordJson.write(record) + "\n");
        assertEquals(List.of(), RecordValidator.validate(file).problems());
    }

    @Test
    void everyBudgetEndsTheEpisodeWithItsKind() {
        // an agent that never stops calling
        Function<GenerationRequest, Generation> forever = r -> calls(add("c" + ScriptedAgent.step(r), 1));
        AgentBudget base = AgentBudget.DEFAULT;

        ComplianceRecord steps = run(new ScriptedAgent(forever), task("s", null), Mode.DIRECT,
                new AgentBudget(4, base.maxToolCalls(), base.maxTokens(), base.wallTime()));
        assertEquals(ErrorKind.BUDGET.json(), steps.error().kind());
        assertTrue(steps.error().message().contains("4 model steps"), steps.error().message());
        assertEquals(4, steps.episode().assistantTurns());
        assertEquals(Integer.toHexString(4), steps.environment().finalStateDigest());
        assertTrue(!steps.passed());

        // two parallel calls past a budget of three: the fourth is answered as refused, and never reaches the world
        ComplianceRecord toolCalls = run(new ScriptedAgent(r -> calls(add("x" + ScriptedAgent.step(r), 1),
                add("y" + ScriptedAgent.step(r), 1))), task("c", null), Mode.DIRECT,
                new AgentBudget(base.maxSteps(), 3, base.maxTokens(), base.wallTime()));
        assertEquals(ErrorKind.BUDGET.json(), toolCalls.error().kind());
        assertTrue(toolCalls.error().message().contains("3 tool calls"), toolCalls.error().message());
        assertEquals(Integer.toHexString(3), toolCalls.environment().finalStateDigest());
        ChatMessage refused = toolCalls.episode().messages().getLast();
        assertEquals("y1", refused.toolCallId());
        assertTrue(refused.content().startsWith("Error: the episode's budget of 3 tool calls"));
        assertTrue(toolCalls.attempts().getFirst().constraints().stream().allMatch(c -> c.passed()),
                "every call has its answer");

        // 10 tokens per message sent: the third call would start past 50
        ComplianceRecord tokens = run(new ScriptedAgent(forever), task("k", null), Mode.DIRECT,
                new AgentBudget(base.maxSteps(), base.maxToolCalls(), 50, base.wallTime()));
        assertEquals(ErrorKind.BUDGET.json(), tokens.error().kind());
        assertTrue(tokens.error().message().contains("50 tokens"), tokens.error().message());
        assertEquals(2, tokens.episode().assistantTurns());

        // a model call that never returns is interrupted at the wall-time budget
        ScriptedAgent hangs = new ScriptedAgent(r -> {
            if (ScriptedAgent.step(r) == 0) {
                return calls(add("a", 7));
            }
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendException("interrupted", false, e);
            }
            throw new AssertionError("unreachable");
        });
        ComplianceRecord wall = run(hangs, task("w", null), Mode.DIRECT,
                new AgentBudget(base.maxSteps(), base.maxToolCalls(), base.maxTokens(), Duration.ofMillis(200)));
        assertEquals(ErrorKind.TIMEOUT.json(), wall.error().kind());
        assertEquals("generate", wall.error().stage());
        assertEquals(Integer.toHexString(7), wall.environment().finalStateDigest());
        assertTrue(!Thread.currentThread().isInterrupted(), "the clock leaves no interrupt behind");
    }

    @Test
    void malformedCallsAreAnsweredAsARuntimeWouldAndNoted() {
        TaskSpec noWorld = new TaskSpec("m", List.of(ChatMessage.user("Add.")), STRUCTURAL, List.of(ADD), null, null);
        ScriptedAgent model = new ScriptedAgent(r -> ScriptedAgent.step(r) == 0
                ? calls(new ToolCall("u", "subtract", "{}"), new ToolCall("j", "add", "{not json"),
                        new ToolCall("n", "add", "[1]"), new ToolCall("ok", "add", "{\"n\": 1}"))
                : says("done"));

        ComplianceRecord record = run(model, noWorld);

        List<String> results = record.episode().messages().stream().filter(m -> m.role() == Role.TOOL)
                .map(ChatMessage::content).toList();
        assertEquals("Error: unknown tool 'subtract'", results.get(0));
        assertTrue(results.get(1).startsWith("Error: arguments of add are not JSON"), results.get(1));
        assertEquals("Error: arguments of add are not a JSON object", results.get(2));
        assertEquals(ToolRuntime.NO_ENVIRONMENT, results.get(3));
        assertEquals(3, record.notes().size(), record.notes().toString());
        assertTrue(record.notes().getFirst().startsWith("attempt 0: message 1, call u: unknown tool 'subtract'"));
        assertNull(record.environment());
        // tool:known judges the call to a tool the task does not offer
        assertEquals(List.of(0), record.finalViolations());
    }

    @Test
    void scriptedUserTurnsFollowEachAnswerUntilTheyRunOut() {
        ScriptedAgent model = new ScriptedAgent(r -> ScriptedAgent.last(r).role() == Role.USER
                ? calls(add("c" + ScriptedAgent.step(r), 1)) : says("now " + ScriptedAgent.last(r).content()));

        ComplianceRecord record = run(model, task("u", UserSpec.scripted(List.of("Again.", "Once more."))));

        List<String> users = record.episode().messages().stream().filter(m -> m.role() == Role.USER)
                .map(ChatMessage::content).toList();
        assertEquals(List.of("Add 2 and 3.", "Again.", "Once more."), users);
        assertEquals("now 3", record.finalOutput());
        assertEquals(Integer.toHexString(3), record.environment().finalStateDigest());
        assertEquals(6, model.requests().size());
    }

    @Test
    void theSimulatedUserSpeaksWithItsOwnSeedsUntilItStops() {
        ScriptedAgent model = new ScriptedAgent(r -> {
            if (ScriptedAgent.simulator(r)) {
                // its own turns are assistant turns: the second ends the conversation
                return says(ScriptedAgent.step(r) < 2 ? "Add 4 too." : UserSpec.STOP);
            }
            return ScriptedAgent.last(r).role() == Role.USER ? calls(add("c" + ScriptedAgent.step(r), 4))
                    : says("now " + ScriptedAgent.last(r).content());
        });

        ComplianceRecord record = run(model, task("sim", UserSpec.simulated("You want 4 added, twice.")));

        List<ChatMessage> messages = record.episode().messages();
        assertEquals(UserSpec.STOP, messages.getLast().content());
        assertEquals("now 8", record.finalOutput());
        List<GenerationRequest> simulated = model.requests().stream().filter(ScriptedAgent::simulator).toList();
        assertEquals(2, simulated.size());
        // the simulator sees the roles turned round, τ-bench's opening, and no tool traffic
        List<ChatMessage> seen = simulated.getFirst().messages();
        assertEquals(List.of(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.USER),
                seen.stream().map(ChatMessage::role).toList());
        assertEquals(UserSimulator.AGENT_OPENING, seen.get(1).content());
        assertEquals("now 4", seen.get(3).content());
        assertTrue(simulated.stream().allMatch(r -> r.tools().isEmpty()));
        SeedSequence userSeeds = new SeedSequence(SAMPLING.seed(), "user\u0000sim");
        assertEquals(List.of(userSeeds.seed(0), userSeeds.seed(1)),
                simulated.stream().map(r -> r.settings().seed()).toList());
    }

    @Test
    void aRetryTellsTheAgentWhatFailedButNotTheSimulatedUser() {
        ConstraintSpec oneCall = ConstraintSpec.hard("tool:max_calls", Map.of("max", 1), 2);
        ScriptedAgent model = new ScriptedAgent(r -> {
            if (ScriptedAgent.simulator(r)) {
                return says(UserSpec.STOP);
            }
            boolean told = r.messages().stream().anyMatch(m -> m.content().contains("tool:max_calls"));
            long step = ScriptedAgent.step(r);
            return step == 0 ? (told ? calls(add("one", 5)) : calls(add("a", 2), add("b", 3))) : says("5");
        });

        ComplianceRecord record = run(model, task("retry-sim", UserSpec.simulated("You want 5."), oneCall), Mode.PROMPT_RETRY,
                AgentBudget.DEFAULT);

        assertTrue(record.passed());
        List<GenerationRequest> simulated = model.requests().stream().filter(ScriptedAgent::simulator).toList();
        assertEquals(2, simulated.size(), () -> RecordJson.write(record));
        assertEquals(simulated.get(0).messages().stream().map(ChatMessage::role).toList(),
                simulated.get(1).messages().stream().map(ChatMessage::role).toList());
        assertTrue(simulated.get(1).messages().stream().noneMatch(m -> m.content().contains("tool:max_calls")));
    }

    @Test
    void theSameSeedsGiveTheSameEpisode() {
        // a model whose calls depend on the seed it is given
        Function<GenerationRequest, Generation> seeded = r -> ScriptedAgent.step(r) < 2
                ? calls(add("c" + ScriptedAgent.step(r), (int) (r.settings().seed() % 100)))
                : says("total " + ScriptedAgent.last(r).content());
        ComplianceRecord first = run(new ScriptedAgent(seeded), task("seeded", null));
        ComplianceRecord again = run(new ScriptedAgent(seeded), task("seeded", null));
        ComplianceRecord other = run(new ScriptedAgent(seeded), task("seeded-other-task", null));

        assertEquals(first.episode(), again.episode());
        assertEquals(first.environment(), again.environment());
        assertEquals(first.attempts().getFirst().seed(), again.attempts().getFirst().seed());
        assertNotEquals(first.episode().messages().get(5).content(), other.episode().messages().get(5).content());
    }

    @Test
    void episodesRunAtOnceNeverSeeEachOthersWrites() throws Exception {
        // each unit's agent adds its own amount, pausing between calls so the units interleave
        CountDownLatch bothStarted = new CountDownLatch(2);
        ScriptedAgent model = new ScriptedAgent(r -> {
            int n = r.taskId().equals("iso-a") ? 1 : 100;
            long step = ScriptedAgent.step(r);
            if (step == 0) {
                bothStarted.countDown();
                try {
                    bothStarted.await();
                } catch (InterruptedException e) {
                    throw new BackendException("interrupted", false, e);
                }
            }
            return step < 3 ? calls(add("c" + step, n)) : says(ScriptedAgent.last(r).content());
        });
        AgentRunner runner = runner(model, Mode.DIRECT, AgentBudget.DEFAULT);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<ComplianceRecord> a = pool.submit(() -> runner.run("r", new WorkUnit(task("iso-a", null), null,
                    SAMPLING), Cancellation.none()));
            Future<ComplianceRecord> b = pool.submit(() -> runner.run("r", new WorkUnit(task("iso-b", null), null,
                    SAMPLING), Cancellation.none()));
            assertEquals("3", a.get().finalOutput());
            assertEquals("300", b.get().finalOutput());
            assertEquals(Integer.toHexString(3), a.get().environment().finalStateDigest());
            assertEquals(Integer.toHexString(300), b.get().environment().finalStateDigest());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void promptRetryRunsAFreshEpisodeToldWhatFailed() {
        ConstraintSpec oneCall = ConstraintSpec.hard("tool:max_calls", Map.of("max", 1), 2);
        ScriptedAgent model = new ScriptedAgent(r -> {
            boolean told = r.messages().stream().anyMatch(m -> m.content().contains("tool:max_calls"));
            long step = ScriptedAgent.step(r);
            if (told) {
                return step == 0 ? calls(add("one", 5)) : says("5");
            }
            return step == 0 ? calls(add("a", 2), add("b", 3)) : says("5");
        });

        ComplianceRecord record = run(model, task("retry", null, oneCall), Mode.PROMPT_RETRY, AgentBudget.DEFAULT);

        assertTrue(record.passed());
        assertEquals(List.of(2), record.initialViolations());
        assertEquals(1, record.roundsUsed());
        assertEquals(List.of("generate", "retry"), record.attempts().stream().map(a -> a.strategy()).toList());
        ChatMessage feedback = record.attempts().get(1).sent().getLast();
        assertTrue(feedback.content().startsWith("Your previous answer did not follow"), feedback.content());
        // the record's episode is the last one, in a world of its own: 5, not 10
        assertEquals(Integer.toHexString(5), record.environment().finalStateDigest());
        assertEquals(record.attempts().get(1).promptTokens() + record.attempts().get(1).completionTokens(),
                record.tokens().repair());
        // the retry's seeds go on from the first episode's
        SeedSequence seeds = new SeedSequence(SAMPLING.seed(), "retry");
        assertEquals(seeds.seed(2), record.attempts().get(1).seed());
    }

    @Test
    void aBackendWithoutToolsIsRefusedBeforeAnyCall() {
        ScriptedAgent plain = new ScriptedAgent(r -> says("hi"), false);
        ComplianceRecord refused = run(plain, task("plain", null));
        assertEquals(ErrorKind.TASK.json(), refused.error().kind());
        assertTrue(refused.error().message().startsWith("backend 'scripted-agent' (model script) does not support"
                + " tool calling"), refused.error().message());
        assertEquals(List.of(), plain.requests());
    }
}
