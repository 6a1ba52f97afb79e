package io.trace2train.environments.tau.airline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.env.ToolCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** τ-bench's reward on crafted episodes around task 0 (mia_li_3668 books JFK to SEA). */
class TauAirlineRewardTest {

    private static final String BOOKING = "{\"user_id\": \"mia_li_3668\", \"origin\": \"JFK\", \"destination\": "
            + "\"SEA\", \"flight_type\": \"one_way\", \"cabin\": \"economy\", \"flights\": [{\"flight_number\": "
            + "\"HAT136\", \"date\": \"2024-05-20\"}, {\"flight_number\": \"HAT039\", \"date\": \"2024-05-20\"}], "
            + "\"passengers\": [{\"first_name\": \"Mia\", \"last_name\": \"Li\", \"dob\": \"1990-04-05\"}], "
            + "\"payment_methods\": [{\"payment_id\": \"certificate_7504069\", \"amount\": 250}, {\"payment_id\": "
            + "\"credit_card_4421486\", \"amount\": 5}], \"total_baggages\": 3, \"nonfree_baggages\": 0, "
            + "\"insurance\": \"no\"}";
    private static final List<TauAirlineReward.ExpectedAction> ACTIONS = List.of(
            new TauAirlineReward.ExpectedAction("book_reservation", BOOKING));

    private static ToolCall call(String name, String arguments) {
        return new ToolCall("c", name, arguments);
    }

    @Test
    void theExpectedCallsInAnyKeyOrderWithReadsAndATransferEarnOne() {
        String reordered = BOOKING.replace("{\"user_id\": \"mia_li_3668\", ", "{").replace("\"insurance\": \"no\"}",
                "\"insurance\": \"no\", \"user_id\": \"mia_li_3668\"}");
        var outcome = TauAirlineReward.score(List.of(call("get_user_details", "{\"user_id\": \"mia_li_3668\"}"),
                        call("book_reservation", reordered), call("transfer_to_human_agents", "{\"summary\": \"x\"}")),
                List.of("Booked."), ACTIONS, List.of());
        assertEquals(1.0, outcome.reward(), outcome.reasons().toString());
        assertTrue(outcome.databaseMatches());
        assertEquals(outcome.expectedDigest(), outcome.agentDigest());
    }

    @Test
    void aWrongArgumentGivesZeroBecauseTheDatabaseDiffers() {
        var outcome = TauAirlineReward.score(List.of(call("book_reservation", BOOKING.replace("\"total_baggages\": 3",
                "\"total_baggages\": 2"))), List.of(), ACTIONS, List.of());
        assertEquals(0.0, outcome.reward());
        assertFalse(outcome.databaseMatches());
        assertEquals(List.of("the database differs from the one the task's expected actions produce"),
                outcome.reasons());
    }

    @Test
    void anExtraWriteGivesZeroEvenWhenTheExpectedOnesAreThere() {
        var outcome = TauAirlineReward.score(List.of(call("book_reservation", BOOKING),
                call("send_certificate", "{\"user_id\": \"mia_li_3668\", \"amount\": 50}")), List.of(), ACTIONS,
                List.of());
        assertEquals(0.0, outcome.reward());
        assertFalse(outcome.databaseMatches());
    }

    @Test
    void aFailedWriteChangesNothingSoOnlyTheExpectedWritesCount() {
        var outcome = TauAirlineReward.score(List.of(call("book_reservation", BOOKING.replace("\"amount\": 5",
                "\"amount\": 4")), call("book_reservation", BOOKING)), List.of(), ACTIONS, List.of());
        assertEquals(1.0, outcome.reward());
    }

    @Test
    void aMissingOutputGivesZeroAndIsNamed() {
        List<TauAirlineReward.ExpectedAction> none = List.of();
        var told = TauAirlineReward.score(List.of(), List.of("The total is 1,628 dollars.", "Bye"), none,
                List.of("1628"));
        assertEquals(1.0, told.reward(), "commas are removed before matching, case is ignored");
        assertEquals(Map.of("1628", true), told.outputs());

        var missing = TauAirlineReward.score(List.of(), List.of("The total is 1,62 8."), none,
                List.of("1628", "Thank"));
        assertEquals(0.0, missing.reward());
        assertTrue(missing.databaseMatches());
        assertEquals(Map.of("1628", false, "Thank", false), missing.outputs());
        assertEquals(List.of("output \"1628\" was not told to the user", "output \"Thank\" was not told to the user"),
                missing.reasons());
    }

    @Test
    void anOutputInsideAToolCallArgumentDoesNotCount() {
        var outcome = TauAirlineReward.score(List.of(call("think", "{\"thought\": \"1628\"}")), List.of("done"),
                List.of(), List.of("1628"));
        assertEquals(0.0, outcome.reward());
    }

    @Test
    void expectedTransfersAreNotReplayed() {
        var outcome = TauAirlineReward.score(List.of(), List.of(), List.of(new TauAirlineReward.ExpectedAction(
                "transfer_to_human_agents", "{\"summary\": \"s\"}")), List.of());
        assertEquals(1.0, outcome.reward());
    }
}
