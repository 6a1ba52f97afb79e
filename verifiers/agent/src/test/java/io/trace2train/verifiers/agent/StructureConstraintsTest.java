package io.trace2train.verifiers.agent;

import static io.trace2train.verifiers.agent.Steps.blamed;
import static io.trace2train.verifiers.agent.Steps.call;
import static io.trace2train.verifiers.agent.Steps.calls;
import static io.trace2train.verifiers.agent.Steps.episode;
import static io.trace2train.verifiers.agent.Steps.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Episode;
import io.trace2train.api.verify.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tool:known, tool:allowed, tool:forbidden, tool:order, tool:max_calls and tool:answered on crafted episodes. */
class StructureConstraintsTest {

    private static final String USER = "{\"user_id\": \"mia_li_3668\"}";
    private static final String RESERVATION = "{\"reservation_id\": \"NO6JO3\"}";

    private static void assertField(InvalidArgumentsException e, String id, String field) {
        assertTrue(e.problems().stream().anyMatch(p -> p.instructionId().equals(id) && p.field().equals(field)),
                () -> "no problem for " + id + " / " + field + " in " + e.problems());
    }

    @Test
    void knownBlamesEachCallToAToolTheEpisodeDoesNotOffer() {
        Episode episode = episode(calls(call("a", "get_user_details", USER), call("b", "delete_user", USER)),
                result("a", "get_user_details", "{}"), result("b", "delete_user", "Unknown action delete_user"),
                calls(call("c", "delete_user", "{}")), result("c", "delete_user", "x"), ChatMessage.assistant("ok"));
        Verdict verdict = Constraints.check("tool:known", Map.of(), episode);
        assertFalse(verdict.passed());
        assertEquals(List.of("2:b", "5:c"), blamed(verdict));
        assertTrue(verdict.hint().contains("delete_user"), verdict.hint());
        assertTrue(Constraints.check("tool:known", Map.of(), episode(calls(call("a", "think", "{}")))).passed());
    }

    @Test
    void allowedAndForbiddenListsAreCheckedPerCall() {
        Episode episode = episode(calls(call("a", "get_user_details", USER), call("b", "cancel_reservation",
                RESERVATION)), result("a", null, "{}"), result("b", null, "{}"));
        Verdict allowed = Constraints.check("tool:allowed", Map.of("tools", List.of("get_user_details")), episode);
        assertEquals(List.of("2:b"), blamed(allowed));
        assertTrue(Constraints.check("tool:allowed", Map.of("tools", List.of("get_user_details",
                "cancel_reservation")), episode).passed());
        Verdict forbidden = Constraints.check("tool:forbidden", Map.of("tools", List.of("cancel_reservation")),
                episode);
        assertEquals(List.of("2:b"), blamed(forbidden));
        assertEquals("Do not call cancel_reservation", forbidden.hint());
        assertTrue(Constraints.check("tool:forbidden", Map.of("tools", List.of("book_reservation")), episode)
                .passed());
        assertField(assertThrows(InvalidArgumentsException.class, () -> Constraints.create("tool:allowed",
                Map.of("tools", "get_user_details"))), "tool:allowed", "tools");
        assertField(assertThrows(InvalidArgumentsException.class, () -> Constraints.create("tool:forbidden",
                Map.of("tools", List.of(" ")))), "tool:forbidden", "tools");
    }

    @Test
    void orderNeedsTheFirstCallOfBeforeInAnEarlierTurn() {
        Map<String, Object> rule = Map.of("before", "get_user_details", "after", "cancel_reservation");
        Episode good = episode(calls(call("a", "get_user_details", USER)), result("a", null, "{}"),
                calls(call("b", "cancel_reservation", RESERVATION)), result("b", null, "{}"));
        assertTrue(Constraints.check("tool:order", rule, good).passed());

        Episode early = episode(calls(call("b", "cancel_reservation", RESERVATION)), result("b", null, "{}"),
                calls(call("a", "get_user_details", USER)), result("a", null, "{}"),
                calls(call("c", "cancel_reservation", RESERVATION)), result("c", null, "{}"));
        Verdict verdict = Constraints.check("tool:order", rule, early);
        assertEquals(List.of("2:b"), blamed(verdict), "only the call before the first get_user_details");
        assertEquals("Call get_user_details before cancel_reservation (in an earlier turn)", verdict.hint());

        Episode parallel = episode(calls(call("a", "get_user_details", USER), call("b", "cancel_reservation",
                RESERVATION)), result("a", null, "{}"), result("b", null, "{}"));
        assertEquals(List.of("2:b"), blamed(Constraints.check("tool:order", rule, parallel)),
                "a parallel call did not see the result of the call beside it");

        Episode never = episode(calls(call("b", "cancel_reservation", RESERVATION)), result("b", null, "{}"));
        Verdict missing = Constraints.check("tool:order", rule, never);
        assertEquals(List.of("2:b"), blamed(missing));
        assertTrue(missing.measured().contains("none of get_user_details"), missing.measured());

        Episode vacuous = episode(calls(call("a", "think", "{\"thought\": \"x\"}")), result("a", null, ""));
        assertTrue(Constraints.check("tool:order", rule, vacuous).passed());

        assertField(assertThrows(InvalidArgumentsException.class, () -> Constraints.create("tool:order",
                Map.of("before", "think", "after", "think"))), "tool:order", "after");
        assertField(assertThrows(InvalidArgumentsException.class, () -> Constraints.create("tool:order",
                Map.of("after", "think"))), "tool:order", "before");
    }

    @Test
    void maxCallsBlamesTheCallsPastTheAllowanceOfOneToolOrOfAll() {
        Episode episode = episode(calls(call("a", "get_user_details", USER), call("b", "think", "{}")),
                result("a", null, "{}"), result("b", null, ""), calls(call("c", "get_user_details", USER)),
                result("c", null, "{}"));
        Verdict perTool = Constraints.check("tool:max_calls", Map.of("max", 1, "tool", "get_user_details"), episode);
        assertFalse(perTool.passed());
        assertEquals(List.of("5:c"), blamed(perTool));
        assertEquals("2 calls of get_user_details", perTool.measured());
        assertTrue(Constraints.check("tool:max_calls", Map.of("max", 2, "tool", "get_user_details"), episode)
                .passed());
        Verdict all = Constraints.check("tool:max_calls", Map.of("max", 1), episode);
        assertEquals(List.of("2:b", "5:c"), blamed(all));
        assertTrue(Constraints.check("tool:max_calls", Map.of("max", 3.0), episode).passed(), "3.0 is the count 3");
        assertField(assertThrows(InvalidArgumentsException.class, () -> Constraints.create("tool:max_calls",
                Map.of("max", -1))), "tool:max_calls", "max");
        assertField(assertThrows(InvalidArgumentsException.class, () -> Constraints.create("tool:max_calls",
                Map.of("max", 1.5))), "tool:max_calls", "max");
        assertField(assertThrows(InvalidArgumentsException.class, () -> Constraints.create("tool:max_calls",
                Map.of("max", 1, "tools", "think"))), "tool:max_calls", "tools");
    }

    @Test
    void answeredAcceptsParallelResultsInAnyOrderAndIdsReusedAfterTheirAnswer() {
        Episode episode = episode(calls(call("a", "get_user_details", USER), call("b", "think", "{}")),
                result("b", "think", ""), result("a", "get_user_details", "{}"),
                calls(call("a", "think", "{}")), result("a", "think", ""), ChatMessage.assistant("done"));
        Verdict verdict = Constraints.check("tool:answered", Map.of(), episode);
        assertTrue(verdict.passed(), verdict.toString());
        assertEquals("3 call(s), each answered once", verdict.measured());
    }

    @Test
    void answeredBlamesMissingDuplicateStrayAndMisnamedResults() {
        Episode episode = episode(
                calls(call("a", "get_user_details", USER), call("b", "think", "{}")), // 2
                result("a", "get_user_details", "{}"), // 3
                result("a", "get_user_details", "{}"), // 4: a second result
                result("zz", "think", ""), // 5: no such call
                calls(call("c", "think", "{}"), call("c", "think", "{}")), // 6: id reused while open
                result("c", "calculate", "1"), // 7: misnamed
                ChatMessage.assistant("done"));
        Verdict verdict = Constraints.check("tool:answered", Map.of(), episode);
        assertFalse(verdict.passed());
        assertEquals(List.of("2:b", "4:a", "5:zz", "6:c", "7:c"), blamed(verdict));
        assertTrue(verdict.steps().get(0).reason().contains("no result"), verdict.steps().toString());
        assertTrue(verdict.steps().get(1).reason().contains("second result"), verdict.steps().toString());
        assertTrue(verdict.steps().get(2).reason().contains("no earlier call"), verdict.steps().toString());
        assertTrue(verdict.steps().get(3).reason().contains("already used"), verdict.steps().toString());
        assertTrue(verdict.steps().get(4).reason().contains("named calculate"), verdict.steps().toString());

        Episode before = episode(result("x", "think", ""), calls(call("x", "think", "{}")));
        assertEquals(List.of("2:x", "3:x"), blamed(Constraints.check("tool:answered", Map.of(), before)),
                "a result before its call answers nothing, and the call stays unanswered");
    }
}
