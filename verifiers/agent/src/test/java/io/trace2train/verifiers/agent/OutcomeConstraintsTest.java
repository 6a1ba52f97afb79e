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

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.record.RunError;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.Episode;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.api.verify.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * answer:told_user, env:state_matches on the real tau-airline environment, and the state reward, around τ-bench's
 * task 0 (mia_li_3668 books JFK to SEA).
 */
class OutcomeConstraintsTest {

    private static final String BOOKING = "{\"user_id\": \"mia_li_3668\", \"origin\": \"JFK\", \"destination\": "
            + "\"SEA\", \"flight_type\": \"one_way\", \"cabin\": \"economy\", \"flights\": [{\"flight_number\": "
            + "\"HAT136\", \"date\": \"2024-05-20\"}, {\"flight_number\": \"HAT039\", \"date\": \"2024-05-20\"}], "
            + "\"passengers\": [{\"first_name\": \"Mia\", \"last_name\": \"Li\", \"dob\": \"1990-04-05\"}], "
            + "\"payment_methods\": [{\"payment_id\": \"certificate_7504069\", \"amount\": 250}, {\"payment_id\": "
            + "\"credit_card_4421486\", \"amount\": 5}], \"total_baggages\": 3, \"nonfree_baggages\": 0, "
            + "\"insurance\": \"no\"}";
    private static final String CERTIFICATE = "{\"user_id\": \"mia_li_3668\", \"amount\": 50}";

    private static Map<String, Object> actions(String... nameThenArguments) throws Exception {
        List<Map<String, Object>> actions = new java.util.ArrayList<>();
        for (int i = 0; i < nameThenArguments.length; i += 2) {
            actions.add(Map.of("name", nameThenArguments[i], "arguments", new ObjectMapper().readValue(
                    nameThenArguments[i + 1], new TypeReference<Map<String, Object>>() { })));
        }
        return Map.of("actions", actions);
    }

    private static Verdict state(Map<String, Object> arguments, Episode episode) {
        return Constraints.check("env:state_matches", arguments, episode, TauReplay.of(episode));
    }

    @Test
    void toldUserIsTauBenchsRuleCaseAndCommasIgnoredToolCallsNotCounted() {
        Episode episode = episode(calls(call("a", "think", "{\"thought\": \"total 1628\"}")), result("a", null, ""),
                ChatMessage.assistant("The TOTAL is 1,628 dollars."), ChatMessage.user("thanks"),
                ChatMessage.assistant("Bye"));
        assertTrue(Constraints.check("answer:told_user", Map.of("outputs", List.of("1628", "total")), episode)
                .passed());
        Verdict missing = Constraints.check("answer:told_user", Map.of("outputs", List.of("1628", "327", "Bye!")),
                episode);
        assertFalse(missing.passed());
        assertEquals("not told: [327, Bye!]", missing.measured());
        assertEquals("Tell the user 327; Bye!", missing.hint());
        assertEquals(List.of("6:null"), blamed(missing), "the last message to the user");
        Episode thinking = episode(calls(call("a", "think", "{\"thought\": \"1628\"}")), result("a", null, ""));
        Verdict silent = Constraints.check("answer:told_user", Map.of("outputs", List.of("1628")), thinking);
        assertFalse(silent.passed(), "an output inside a tool call's arguments was not told");
        assertEquals(List.of(), silent.steps());
        assertTrue(Constraints.check("answer:told_user", Map.of("outputs", List.of()), thinking).passed());
        assertThrows(InvalidArgumentsException.class, () -> Constraints.create("answer:told_user",
                Map.of("outputs", List.of(1628))));
    }

    @Test
    void stateMatchesIsNotCheckableWithoutAnEnvironment() {
        Verdict verdict = Constraints.check("env:state_matches", Map.of("actions", List.of()), episode());
        assertTrue(verdict.notCheckable());
        assertEquals("not checkable: needs the task's environment", verdict.measured());
    }

    @Test
    void stateMatchesComparesTheWorldNotTheWordsReadsAndKeyOrderDoNotMatter() throws Exception {
        String reordered = BOOKING.replace("{\"user_id\": \"mia_li_3668\", ", "{")
                .replace("\"insurance\": \"no\"}", "\"insurance\": \"no\", \"user_id\": \"mia_li_3668\"}");
        Episode episode = episode(calls(call("a", "get_user_details", "{\"user_id\": \"mia_li_3668\"}")),
                result("a", null, "{}"), calls(call("b", "book_reservation", reordered)), result("b", null, "{}"),
                ChatMessage.assistant("Booked."));
        assertTrue(state(actions("book_reservation", BOOKING), episode).passed());
        assertTrue(state(actions("get_user_details", "{\"user_id\": \"mia_li_3668\"}", "book_reservation", BOOKING),
                episode).passed());
    }

    @Test
    void stateMismatchBlamesTheUnexpectedWritesAndNamesTheMissingOnes() throws Exception {
        Episode extra = episode(calls(call("a", "book_reservation", BOOKING)), result("a", null, "{}"),
                calls(call("b", "send_certificate", CERTIFICATE)), result("b", null, "ok"),
                ChatMessage.assistant("Done."));
        Verdict verdict = state(actions("book_reservation", BOOKING), extra);
        assertFalse(verdict.passed());
        assertEquals(List.of("4:b"), blamed(verdict), "the booking was expected; the certificate was not");
        assertEquals("Undo or avoid the changes the task does not ask for", verdict.hint());

        Episode wrong = episode(calls(call("a", "book_reservation", BOOKING.replace("\"total_baggages\": 3",
                "\"total_baggages\": 2"))), result("a", null, "{}"), ChatMessage.assistant("Done."));
        Verdict differs = state(actions("book_reservation", BOOKING), wrong);
        assertEquals(List.of("2:a"), blamed(differs));
        assertTrue(differs.hint().startsWith("Make the expected change(s): book_reservation("), differs.hint());

        Episode none = episode(ChatMessage.assistant("I cannot help."));
        Verdict nothing = state(actions("book_reservation", BOOKING), none);
        assertEquals(List.of(), nothing.steps());
        assertTrue(nothing.hint().startsWith("Make the expected change(s): book_reservation("), nothing.hint());
    }

    @Test
    void theStateRewardIsOneOnlyWhenEveryStateAndOutputVerdictPasses() throws Exception {
        Episode booked = episode(calls(call("a", "book_reservation", BOOKING)), result("a", null, "{}"),
                ChatMessage.assistant("Booked, total 255."));
        List<ConstraintSpec> constraints = List.of(
                ConstraintSpec.hard("env:state_matches", actions("book_reservation", BOOKING), 0),
                ConstraintSpec.hard("answer:told_user", Map.of("outputs", List.of("255")), 1),
                new ConstraintSpec("tool:max_calls", Map.of("max", 0), io.trace2train.api.task.ConstraintLevel.SOFT,
                        2, 1.0));
        TaskSpec task = Records.task(constraints, booked);
        StateReward reward = new StateReward();
        var scored = reward.score(task, Records.judged(task, booked, TauReplay.of(booked), null));
        assertEquals(1.0, scored.value(), "a failing soft constraint leaves the state reward alone");
        assertTrue(scored.allHardPassed());
        assertEquals(Map.of("state_checks_met", 2.0, "state_checks_total", 2.0), scored.parts());

        TaskSpec more = Records.task(List.of(constraints.get(0), ConstraintSpec.hard("answer:told_user",
                Map.of("outputs", List.of("256")), 1)), booked);
        var untold = reward.score(more, Records.judged(more, booked, TauReplay.of(booked), null));
        assertEquals(0.0, untold.value());
        assertFalse(untold.allHardPassed());

        var unreplayed = reward.score(task, Records.judged(task, booked, null, null));
        assertEquals(0.0, unreplayed.value(), "a state that could not be checked earns nothing");

        var failed = reward.score(task, Records.judged(task, booked, TauReplay.of(booked),
                new RunError("backend", "boom", "generate")));
        assertEquals(0.0, failed.value());
        assertFalse(failed.allHardPassed());
    }
}
