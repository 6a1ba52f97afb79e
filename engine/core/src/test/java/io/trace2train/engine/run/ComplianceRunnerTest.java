package io.trace2train.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.repair.RepairKind;
import io.trace2train.api.repair.RepairOutcome;
import io.trace2train.api.repair.RepairRequest;
import io.trace2train.api.repair.RepairStrategy;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintLevel;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.Role;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.repair.FullStrategy;
import io.trace2train.engine.repair.RegenerateStrategy;
import io.trace2train.engine.verify.VerifierRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ComplianceRunnerTest {

    private static VerifierRegistry verifiers;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void engine() {
        verifiers = Engine.start(EngineConfig.defaults()).verifiers();
    }

    private static final TaskSpec TASK = new TaskSpec("t1", List.of(ChatMessage.user("Describe a cat.")), List.of(
            ConstraintSpec.hard("punctuation:no_comma", Map.of(), 0),
            ConstraintSpec.hard("keywords:existence", Map.of("keywords", List.of("whiskers")), 1),
            new ConstraintSpec("length_constraints:number_words", Map.of("num_words", 3, "relation", "at least"),
                    ConstraintLevel.SOFT, 2, 0.5)));

    private ComplianceRecord run(Mode mode, ScriptedBackend backend, List<RepairStrategy> strategies) {
        RunSettings settings = RunSettings.of(mode, new GenerationSettings(0.7, 0.9, 1234, 64, List.of()));
        return new ComplianceRunner(settings, backend, verifiers, strategies, meters, 0).run("run-1", TASK);
    }

    @Test
    void directIsOneVerifiedGenerationWithTheRunSeed() {
        ScriptedBackend backend = ScriptedBackend.answering("Cats have whiskers, paws.");
        ComplianceRecord record = run(Mode.DIRECT, backend, List.of());

        assertEquals(1, record.attempts().size());
        AttemptRecord attempt = record.attempts().getFirst();
        assertEquals("generate", attempt.strategy());
        assertEquals(1234L, attempt.seed());
        assertEquals(1234L, backend.requests().getFirst().settings().seed());
        assertEquals(TASK.messages(), attempt.sent());
        assertFalse(record.passed());
        assertEquals(List.of(0), record.initialViolations());
        assertEquals(List.of(0), record.finalViolations());
        assertEquals(List.of(false, true, true), attempt.constraints().stream().map(c -> c.passed()).toList());
        assertEquals("direct", record.mode());
        assertEquals(ComplianceRecord.SCHEMA_VERSION, record.schemaVersion());
        assertTrue(record.taskHash().startsWith("sha256:"));
        assertEquals("1.0.0", record.versions().verifiers().get("punctuation:no_comma"));
        assertEquals(attempt.promptTokens(), record.tokens().prompt());
        assertEquals(0, record.tokens().repair());
    }

    @Test
    void promptRetrySendsTheOriginalConversationWithFeedbackAndANewSeedEachTime() {
        ScriptedBackend backend = ScriptedBackend.answering("Cats, dogs.", "Cats have paws, fur.", "Cats have whiskers.");
        ComplianceRecord record = run(Mode.PROMPT_RETRY, backend, List.of());

        assertTrue(record.passed());
        assertEquals(3, record.attempts().size());
        assertEquals(2, record.roundsUsed());
        List<Long> seeds = backend.requests().stream().map(r -> r.settings().seed()).toList();
        assertEquals(3, seeds.stream().distinct().count(), "a new seed per retry: " + seeds);
        assertEquals(seeds, record.attempts().stream().map(AttemptRecord::seed).toList());
        List<ChatMessage> sent = backend.requests().get(1).messages();
        assertEquals(TASK.messages().getFirst(), sent.getFirst());
        assertEquals(2, sent.size(), "the original conversation plus one feedback message");
        String feedback = sent.get(1).content();
        assertEquals(Role.USER, sent.get(1).role());
        assertTrue(feedback.contains("punctuation:no_comma") && feedback.contains("keywords:existence"), feedback);
        assertEquals(record.tokens().prompt() + record.tokens().completion()
                - record.attempts().getFirst().promptTokens() - record.attempts().getFirst().completionTokens(),
                record.tokens().repair());
        // the same run seed gives the same derived seeds on a re-run
        ScriptedBackend again = ScriptedBackend.answering("Cats, dogs.", "Cats have paws, fur.", "Cats have whiskers.");
        run(Mode.PROMPT_RETRY, again, List.of());
        assertEquals(seeds, again.requests().stream().map(r -> r.settings().seed()).toList());
    }

    @Test
    void promptRetryStopsAfterTheConfiguredRetries() {
        ScriptedBackend backend = ScriptedBackend.answering("a, b", "c, d", "e, f", "g, h");
        ComplianceRecord record = run(Mode.PROMPT_RETRY, backend, List.of());
        assertFalse(record.passed());
        assertEquals(4, record.attempts().size());
        assertEquals(3, record.roundsUsed());
    }

    @Test
    void fullPclTakesTheCheapestStrategyAndANoOpDoesNotUseUpTheRound() {
        RepairStrategy noOp = patch("patch:does_nothing", "punctuation:no_comma", text -> text);
        RepairStrategy removeCommas = patch("patch:zz_remove_commas", "punctuation:no_comma",
                text -> text.replace(",", ""));
        ScriptedBackend backend = ScriptedBackend.answering("Cats have whiskers, paws.");
        ComplianceRecord record = run(Mode.FULL_PCL, backend,
                List.of(new FullStrategy(), new RegenerateStrategy(), removeCommas, noOp));

        assertTrue(record.passed());
        assertEquals(1, record.roundsUsed());
        assertEquals(List.of("generate", "patch:zz_remove_commas"),
                record.attempts().stream().map(AttemptRecord::strategy).toList());
        AttemptRecord patched = record.attempts().get(1);
        assertNull(patched.sent());
        assertNull(patched.seed());
        assertEquals("Cats have whiskers paws.", record.finalOutput());
        assertEquals(1, backend.requests().size(), "no model call for a patch");
        assertTrue(record.notes().contains("patch:does_nothing changed nothing in round 1"), record.notes()::toString);
    }

    @Test
    void aRepairThatBreaksAHardConstraintIsRolledBackAndThePlannerEscalates() {
        RepairStrategy breaksKeyword = patch("patch:break", "punctuation:no_comma", text -> "Cats purr");
        ScriptedBackend backend = ScriptedBackend.answering("Cats have whiskers, paws.", "Cats have whiskers and paws.");
        ComplianceRecord record = run(Mode.FULL_PCL, backend, List.of(breaksKeyword, new RegenerateStrategy()));

        assertTrue(record.passed());
        List<AttemptRecord> attempts = record.attempts();
        assertEquals(List.of("generate", "patch:break", "regenerate"),
                attempts.stream().map(AttemptRecord::strategy).toList());
        assertTrue(attempts.get(1).rolledBack());
        assertTrue(attempts.get(1).note().contains("[1]"), attempts.get(1).note());
        assertFalse(attempts.get(2).rolledBack());
        assertEquals(1, record.roundsUsed(), "the rolled-back patch did not use up the round");
        // regenerate sent the conversation, the previous answer and the feedback
        List<ChatMessage> sent = backend.requests().get(1).messages();
        assertEquals(List.of(Role.USER, Role.ASSISTANT, Role.USER), sent.stream().map(ChatMessage::role).toList());
        assertEquals("Cats have whiskers, paws.", sent.get(1).content());
        assertTrue(sent.get(2).content().contains("keep meeting them"), sent.get(2).content());
        assertNotEquals(backend.requests().get(0).settings().seed(), backend.requests().get(1).settings().seed());
        assertEquals(attempts.get(2).seed(), backend.requests().get(1).settings().seed());
    }

    @Test
    void aRepairWhoseModelCallFailsIsNotedAndThePlannerEscalates() {
        ScriptedBackend backend = ScriptedBackend.answering("Cats, purr.",
                new BackendException("prompt too long for the context", false),
                new BackendException("503", true), "Cats have whiskers.");
        ComplianceRecord record = run(Mode.FULL_PCL, backend, List.of(new RegenerateStrategy(), new FullStrategy()));

        assertTrue(record.passed(), record::toString);
        assertNull(record.error());
        assertEquals(List.of("generate", "full"), record.attempts().stream().map(AttemptRecord::strategy).toList());
        assertTrue(record.notes().stream().anyMatch(n -> n.startsWith("regenerate failed in round 1: prompt too long")),
                record.notes()::toString);
        assertEquals(4, backend.requests().size(), "full's 503 was retried");
        assertEquals(1, record.roundsUsed());
    }

    @Test
    void softConstraintsNeverBlockPassing() {
        ComplianceRecord record = run(Mode.FULL_PCL, ScriptedBackend.answering("whiskers"), List.of());
        assertTrue(record.passed());
        assertFalse(record.attempts().getFirst().constraints().get(2).passed());
        assertEquals(0, record.roundsUsed());
    }

    @Test
    void aBackendWithoutAModelSkipsModelStrategiesAndSaysSo() {
        ScriptedBackend replayLike = new ScriptedBackend(false, "Cats purr, sleep.");
        ComplianceRecord record = run(Mode.FULL_PCL, replayLike, List.of(new RegenerateStrategy(), new FullStrategy()));

        assertFalse(record.passed());
        assertNull(record.error());
        assertEquals(1, record.attempts().size());
        assertTrue(record.notes().stream().anyMatch(n -> n.startsWith("regenerate skipped: backend 'scripted' has no model")),
                record.notes()::toString);
        assertTrue(record.notes().stream().anyMatch(n -> n.startsWith("full_pcl: nothing left to try")),
                record.notes()::toString);

        ComplianceRecord retry = run(Mode.PROMPT_RETRY, new ScriptedBackend(false, "Cats purr, sleep."), List.of());
        assertEquals(1, retry.attempts().size());
        assertTrue(retry.notes().getFirst().startsWith("prompt_retry: no retries"), retry.notes()::toString);
    }

    @Test
    void retriableBackendFailuresAreRetriedAndOthersEndTheTaskWithAnError() {
        ScriptedBackend flaky = ScriptedBackend.answering(new BackendException("429", true), "whiskers");
        ComplianceRecord ok = run(Mode.DIRECT, flaky, List.of());
        assertTrue(ok.passed());
        assertEquals(2, flaky.requests().size());

        ScriptedBackend broken = ScriptedBackend.answering(new BackendException("400 bad request", false));
        ComplianceRecord failed = run(Mode.DIRECT, broken, List.of());
        assertFalse(failed.passed());
        assertEquals("backend", failed.error().kind());
        assertEquals("generate", failed.error().stage());
        assertEquals("400 bad request", failed.error().message());
        assertEquals(0, failed.attempts().size());

        ScriptedBackend laterFailure = ScriptedBackend.answering("a, b", new BackendException("500", true),
                new BackendException("500", true), new BackendException("500", true));
        ComplianceRecord partial = run(Mode.PROMPT_RETRY, laterFailure, List.of());
        assertEquals("retry", partial.error().stage());
        assertEquals(1, partial.attempts().size(), "the first draft is kept");
        assertEquals("a, b", partial.finalOutput());
    }

    @Test
    void metersCountAttemptsVerdictsAndTokens() {
        run(Mode.PROMPT_RETRY, ScriptedBackend.answering("Cats, dogs.", "whiskers"), List.of());
        assertEquals(1.0, meters.counter("trace2train.attempts", "mode", "prompt_retry", "strategy", "retry").count());
        assertEquals(1.0, meters.counter("trace2train.verdicts", "verifier", "punctuation:no_comma",
                "passed", "false").count());
        assertTrue(meters.counter("trace2train.tokens", "kind", "completion").count() > 0);
        assertEquals(1, meters.timer("trace2train.task.latency", "mode", "prompt_retry").count());
    }

    private static RepairStrategy patch(String name, String verifier, UnaryOperator<String> edit) {
        return new RepairStrategy() {
            public String name() {
                return name;
            }

            public RepairKind kind() {
                return RepairKind.PATCH;
            }

            public boolean handles(String verifierId) {
                return verifierId.equals(verifier);
            }

            public Optional<RepairOutcome> repair(RepairRequest request) {
                return Optional.of(RepairOutcome.patched(edit.apply(request.output())));
            }
        };
    }
}
