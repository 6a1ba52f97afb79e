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

import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Episode;
import io.trace2train.api.verify.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tool:arguments_valid against τ-bench's real tool schemas, and tool:required_calls' argument matching. */
class ArgumentConstraintsTest {

    private static final String BAGS = "{\"reservation_id\": \"NO6JO3\", \"total_baggages\": 3, "
            + "\"nonfree_baggages\": 0, \"payment_id\": \"credit_card_4421486\"}";

    private static void assertField(InvalidArgumentsException e, String id, String field) {
        assertTrue(e.problems().stream().anyMatch(p -> p.instructionId().equals(id) && p.field().equals(field)),
                () -> "no problem for " + id + " / " + field + " in " + e.problems());
    }

    private static Verdict valid(String tool, String arguments) {
        return Constraints.check("tool:arguments_valid", Map.of(), episode(calls(call("c1", tool, arguments)),
                result("c1", tool, "x")));
    }

    private static void assertInvalid(String tool, String arguments, String reasonPart) {
        Verdict verdict = valid(tool, arguments);
        assertFalse(verdict.passed(), arguments);
        assertEquals(List.of("2:c1"), blamed(verdict));
        assertTrue(verdict.steps().getFirst().reason().contains(reasonPart), verdict.steps().getFirst().reason());
        assertTrue(verdict.hint().startsWith("Fix the arguments: " + tool + ": "), verdict.hint());
    }

    @Test
    void validArgumentsPassWhateverTheKeyOrderAndIntegralNumbersAsFloats() {
        assertTrue(valid("update_reservation_baggages", BAGS).passed());
        assertTrue(valid("update_reservation_baggages", BAGS.replace("\"total_baggages\": 3",
                "\"total_baggages\": 3.0")).passed(), "3.0 is an integer in JSON Schema");
        assertTrue(valid("list_all_airports", "{}").passed());
    }

    @Test
    void malformedJsonAndNonObjectsAreNotArguments() {
        assertInvalid("get_user_details", "{\"user_id\": ", "not a JSON object");
        assertInvalid("get_user_details", "[\"mia_li_3668\"]", "not a JSON object");
        assertInvalid("get_user_details", "{\"user_id\": \"a\"} trailing", "not a JSON object");
        assertInvalid("get_user_details", "", "not a JSON object");
        assertInvalid("get_user_details", "\"mia_li_3668\"", "not a JSON object");
    }

    @Test
    void schemaViolationsNameTheField() {
        assertInvalid("update_reservation_baggages", BAGS.replace("3,", "\"3\","), "total_baggages");
        assertInvalid("update_reservation_baggages", BAGS.replace("3,", "3.5,"), "total_baggages");
        assertInvalid("update_reservation_flights", "{\"reservation_id\": \"NO6JO3\", \"cabin\": \"first\", "
                + "\"flights\": [], \"payment_id\": \"p\"}", "cabin");
        assertInvalid("get_user_details", "{}", "user_id");
        assertInvalid("get_user_details", "{\"user_id\": \"mia_li_3668\", \"verbose\": true}", "verbose");
        assertInvalid("update_reservation_flights", "{\"reservation_id\": \"NO6JO3\", \"cabin\": \"economy\", "
                + "\"flights\": [{\"flight_number\": \"HAT001\", \"date\": \"2024-05-01\", \"seat\": \"1A\"}], "
                + "\"payment_id\": \"p\"}", "seat");
    }

    @Test
    void parallelCallsAreEachCheckedAndUnknownToolsLeftToToolKnown() {
        Episode episode = episode(calls(call("a", "get_user_details", "{\"user_id\": \"u\"}"),
                call("b", "get_user_details", "{\"user\": \"u\"}"), call("c", "no_such_tool", "not json")),
                result("a", null, "{}"), result("b", null, "{}"), result("c", null, "x"));
        Verdict verdict = Constraints.check("tool:arguments_valid", Map.of(), episode);
        assertEquals(List.of("2:b"), blamed(verdict));
        assertEquals("1 of 2 call(s) with invalid arguments", verdict.measured());
    }

    @Test
    void aSchemaThatRefersElsewhereIsNotFetched() {
        String elsewhere = TauBenchEpisodes.DIR.resolve("tools.json").toUri().toString();
        Episode episode = new Episode(List.of(ChatMessage.user("x"), calls(call("a", "lookup", "{\"q\": 1}"))),
                List.of(new ToolDefinition("lookup", "", Map.of("$ref", elsewhere))));
        Verdict verdict = Constraints.check("tool:arguments_valid", Map.of(), episode);
        assertFalse(verdict.passed());
        assertTrue(verdict.steps().getFirst().reason().contains("schema cannot be used"),
                verdict.steps().getFirst().reason());
    }

    @Test
    void localReferencesAndADeclaredDraftStillWork() {
        ToolDefinition book = new ToolDefinition("book", "", Map.of(
                "$schema", "http://json-schema.org/draft-07/schema#", "type", "object",
                "properties", Map.of("flight", Map.of("$ref", "#/definitions/flight")),
                "required", List.of("flight"),
                "definitions", Map.of("flight", Map.of("type", "object",
                        "properties", Map.of("number", Map.of("type", "string"))))));
        Episode episode = new Episode(List.of(ChatMessage.user("x"), calls(
                call("a", "book", "{\"flight\": {\"number\": \"HAT001\"}}"),
                call("b", "book", "{\"flight\": {\"number\": 1}}"))), List.of(book));
        Verdict verdict = Constraints.check("tool:arguments_valid", Map.of(), episode);
        assertEquals(List.of("1:b"), blamed(verdict), verdict.toString());
        assertTrue(verdict.steps().getFirst().reason().contains("$.flight.number"), verdict.toString());
    }

    @Test
    void aBacktrackingSchemaPatternStopsAtItsBudgetAndIsNotCheckable() {
        ToolDefinition search = new ToolDefinition("search", "", Map.of("type", "object", "properties",
                Map.of("q", Map.of("type", "string", "pattern", "^((a+)\\2?)+b"))));
        String hostile = "{\"q\": \"" + "a".repeat(40) + "!\"}"; // exponential without a budget: the back-reference defeats the JDK's memoization
        Episode episode = new Episode(List.of(ChatMessage.user("x"), calls(call("a", "search", "{\"q\": \"aab\"}"),
                call("b", "search", hostile))), List.of(search));
        Verdict verdict = Constraints.check("tool:arguments_valid", Map.of(), episode);
        assertTrue(verdict.notCheckable(), verdict.toString());
        assertTrue(verdict.measured().contains("call b of search") && verdict.measured().contains("^((a+)\\2?)+b"),
                verdict.measured());
        Episode fine = new Episode(List.of(ChatMessage.user("x"), calls(call("a", "search", "{\"q\": \"aab\"}"),
                call("b", "search", "{\"q\": \"ac\"}"))), List.of(search));
        assertEquals(List.of("1:b"), blamed(Constraints.check("tool:arguments_valid", Map.of(), fine)),
                "patterns still match within the budget");
    }

    @Test
    void requiredCallsCompareNumbersByValueExactOrAsASubset() {
        Episode episode = episode(calls(call("a", "send_certificate", "{\"user_id\": \"u\", \"amount\": 100.0}")),
                result("a", null, "ok"), ChatMessage.assistant("done"));
        Map<String, Object> certificate = Map.of("name", "send_certificate", "arguments",
                Map.of("user_id", "u", "amount", 100));
        assertTrue(Constraints.check("tool:required_calls", Map.of("calls", List.of(certificate)), episode).passed(),
                "100 equals 100.0");
        Map<String, Object> partial = Map.of("name", "send_certificate", "arguments", Map.of("amount", 100));
        Verdict exact = Constraints.check("tool:required_calls", Map.of("calls", List.of(partial)), episode);
        assertFalse(exact.passed(), "exact: the user_id is an argument the listed call lacks");
        assertEquals(List.of("2:a"), blamed(exact), "the call of that tool with other arguments is blamed");
        assertEquals("Call send_certificate({\"amount\":100})", exact.hint());
        assertTrue(Constraints.check("tool:required_calls", Map.of("calls", List.of(partial), "match", "subset"),
                episode).passed());
        Map<String, Object> wrong = Map.of("name", "send_certificate", "arguments", Map.of("amount", 100.5));
        assertFalse(Constraints.check("tool:required_calls", Map.of("calls", List.of(wrong), "match", "subset"),
                episode).passed());
    }

    @Test
    void requiredCallsOrderedOrNotAndEachListedCallNeedsItsOwnCall() {
        String user = "{\"user_id\": \"u\"}";
        String reservation = "{\"reservation_id\": \"R\"}";
        Episode episode = episode(calls(call("a", "get_user_details", user)), result("a", null, "{}"),
                calls(call("b", "get_reservation_details", reservation)), result("b", null, "{}"),
                ChatMessage.assistant("done"));
        List<Map<String, Object>> reversed = List.of(
                Map.of("name", "get_reservation_details", "arguments", Map.of("reservation_id", "R")),
                Map.of("name", "get_user_details", "arguments", Map.of("user_id", "u")));
        assertTrue(Constraints.check("tool:required_calls", Map.of("calls", reversed), episode).passed());
        Verdict ordered = Constraints.check("tool:required_calls", Map.of("calls", reversed, "ordered", true),
                episode);
        assertFalse(ordered.passed());
        assertTrue(ordered.hint().endsWith("(in the listed order)"), ordered.hint());
        assertTrue(Constraints.check("tool:required_calls", Map.of("calls", reversed.reversed(), "ordered", true),
                episode).passed());

        Map<String, Object> twice = Map.of("name", "get_user_details", "arguments", Map.of("user_id", "u"));
        Verdict doubled = Constraints.check("tool:required_calls", Map.of("calls", List.of(twice, twice)), episode);
        assertFalse(doubled.passed(), "a call listed twice must be made twice");
        assertEquals("1 of 2 required call(s) missing: [get_user_details({\"user_id\":\"u\"})]", doubled.measured());

        // subset patterns overlap: {} fits both calls, {user_id} only the first; a greedy match would fail
        List<Map<String, Object>> overlapping = List.of(Map.of("name", "get_user_details"),
                Map.of("name", "get_user_details", "arguments", Map.of("user_id", "u")));
        Episode two = episode(calls(call("a", "get_user_details", user)), result("a", null, "{}"),
                calls(call("b", "get_user_details", "{\"user_id\": \"v\"}")), result("b", null, "{}"));
        assertTrue(Constraints.check("tool:required_calls", Map.of("calls", overlapping, "match", "subset"), two)
                .passed());

        Episode malformed = episode(calls(call("a", "get_user_details", "{\"user_id\": \"u\"")),
                result("a", null, "Error"), ChatMessage.assistant("done"));
        assertFalse(Constraints.check("tool:required_calls", Map.of("calls", List.of(twice), "match", "subset"),
                malformed).passed(), "malformed arguments match nothing");
    }

    @Test
    void requiredCallsArgumentsAreNamedByField() {
        assertField(assertThrows(InvalidArgumentsException.class, () -> Constraints.create("tool:required_calls",
                Map.of("calls", List.of(Map.of("name", "think")), "match", "fuzzy"))), "tool:required_calls",
                "match");
        assertField(assertThrows(InvalidArgumentsException.class, () -> Constraints.create("tool:required_calls",
                Map.of("calls", List.of(Map.of("name", "think")), "ordered", "yes"))), "tool:required_calls",
                "ordered");
        InvalidArgumentsException entries = assertThrows(InvalidArgumentsException.class,
                () -> Constraints.create("tool:required_calls", Map.of("calls", List.of(Map.of("name", "think"),
                        Map.of("arguments", Map.of()), Map.of("name", "think", "arguments", "x"),
                        Map.of("name", "think", "kwargs", Map.of())))));
        assertField(entries, "tool:required_calls", "calls[1].name");
        assertField(entries, "tool:required_calls", "calls[2].arguments");
        assertField(entries, "tool:required_calls", "calls[3].kwargs");
        assertEquals(3, entries.problems().size(), entries.problems().toString());
        assertField(assertThrows(InvalidArgumentsException.class, () -> Constraints.create("tool:required_calls",
                Map.of("calls", List.of("think")))), "tool:required_calls", "calls");
        assertField(assertThrows(InvalidArgumentsException.class, () -> Constraints.create("tool:required_calls",
                Map.of())), "tool:required_calls", "calls");
    }
}
