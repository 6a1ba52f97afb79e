package io.trace2train.verifiers.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Episode;
import io.trace2train.api.verify.ConstraintScope;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plugin's contract (the engine's loader accepting it is tested in the engine's {@code PluginLoaderTest}): every
 * constraint is an episode constraint at 1.0.0 that cannot judge a text alone, and the reward is there.
 */
class AgentPluginTest {

    static final List<String> IDS = List.of("tool:arguments_valid", "tool:known", "tool:allowed", "tool:forbidden",
            "tool:required_calls", "tool:order", "tool:max_calls", "tool:answered", "answer:told_user",
            "env:state_matches");

    /** Arguments each constraint accepts, for creating one of each. */
    static final Map<String, Map<String, Object>> SAMPLE = Map.of(
            "tool:allowed", Map.of("tools", List.of("think")),
            "tool:forbidden", Map.of("tools", List.of("think")),
            "tool:required_calls", Map.of("calls", List.of(Map.of("name", "think"))),
            "tool:order", Map.of("before", "get_user_details", "after", "book_reservation"),
            "tool:max_calls", Map.of("max", 3),
            "answer:told_user", Map.of("outputs", List.of("x")),
            "env:state_matches", Map.of("actions", List.of()));

    @Test
    void everyConstraintJudgesEpisodesOnlyAndSaysSoForAText() {
        Episode empty = new Episode(List.of(ChatMessage.user("hi"), ChatMessage.assistant("hello")), List.of());
        for (VerifierFactory factory : new AgentPlugin().verifierFactories()) {
            assertEquals(ConstraintScope.EPISODE, factory.scope(), factory.id());
            assertEquals("1.0.0", factory.version(), factory.id());
            assertFalse(factory.description().isBlank(), factory.id());
            var verifier = Constraints.create(factory.id(), SAMPLE.getOrDefault(factory.id(), Map.of()));
            assertEquals(factory.id(), verifier.id());
            assertEquals(factory.version(), verifier.version());
            Verdict text = verifier.check("some answer");
            assertTrue(text.notCheckable(), factory.id());
            assertEquals("not checkable: needs an agent episode", text.measured());
            Verdict verdict = verifier.check(empty, null);
            assertEquals(factory.id(), verdict.verifierId());
            assertEquals(factory.id().equals("env:state_matches") || factory.id().equals("answer:told_user")
                    || factory.id().equals("tool:required_calls"), !verdict.passed(), factory.id() + " " + verdict);
        }
    }
}
