package io.trace2train.environments.tau.airline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trace2train.api.env.ToolCall;
import org.junit.jupiter.api.Test;

/** Copy isolation, reset, and the state digest (canonical, cheap, and equal-content-equal-digest). */
class AirlineStateTest {

    private static final String INITIAL_TAU_BENCH_HASH =
            "4587e6b48ad2b2c4f3e1fecb40aabec7bb2286513273b8f8cec3f5865222f290";

    private static String certificate(TauAirlineEnvironment environment, int amount) {
        return environment.execute(new ToolCall("c", "send_certificate",
                "{\"user_id\": \"mia_li_3668\", \"amount\": " + amount + "}")).content();
    }

    private static JsonNode mia(TauAirlineEnvironment environment) {
        return environment.state().get("users", "mia_li_3668").get("payment_methods");
    }

    @Test
    void aWriteOnACopyNeverShowsInTheOriginalOrASiblingCopy() {
        TauAirlineEnvironment original = TauAirlineEnvironment.create();
        certificate(original, 10);
        TauAirlineEnvironment first = original.copy();
        TauAirlineEnvironment second = original.copy();

        certificate(first, 20);
        certificate(second, 30);
        second.execute(new ToolCall("c", "cancel_reservation", "{\"reservation_id\": \"NO6JO3\"}"));

        assertEquals(10, mia(original).get("certificate_3221322").get("amount").intValue());
        assertTrue(mia(original).get("certificate_3221323") == null);
        assertEquals(20, mia(first).get("certificate_3221323").get("amount").intValue());
        assertEquals(30, mia(second).get("certificate_3221323").get("amount").intValue());
        assertTrue(original.state().get("reservations", "NO6JO3").get("status") == null);
        assertTrue(first.state().get("reservations", "NO6JO3").get("status") == null);
        assertTrue(TauAirlineEnvironment.create().state().get("users", "mia_li_3668").get("payment_methods")
                .get("certificate_3221322") == null, "the shared base is never written");
    }

    @Test
    void aCopyOrResetCopiesOnlyTheChangedRecords() {
        TauAirlineEnvironment environment = TauAirlineEnvironment.create();
        certificate(environment, 10);
        environment.execute(new ToolCall("c", "cancel_reservation", "{\"reservation_id\": \"NO6JO3\"}"));
        assertEquals(2, environment.state().recordsCopied());
        TauAirlineEnvironment fork = environment.copy();
        assertEquals(2, fork.state().recordsCopied(), "a fork copies the 2 changed records, not 2800");
        environment.reset();
        assertEquals(0, environment.state().changedRecords());
        assertEquals(TauAirlineEnvironment.create().stateDigest(), environment.stateDigest());
    }

    @Test
    void theDigestDependsOnContentOnlyNeverOnKeyOrderOrHistory() {
        TauAirlineEnvironment fresh = TauAirlineEnvironment.create();
        String initial = fresh.stateDigest();
        assertEquals(initial, TauAirlineEnvironment.create().stateDigest());

        // the same reservation written with its keys in another order: same content, same digest
        TauAirlineEnvironment reordered = TauAirlineEnvironment.create();
        JsonNode record = reordered.state().get("reservations", "4WQ150");
        var shuffled = Py.NODES.objectNode();
        java.util.List<String> keys = new java.util.ArrayList<>();
        record.fieldNames().forEachRemaining(keys::add);
        java.util.Collections.reverse(keys);
        keys.forEach(key -> shuffled.set(key, record.get(key)));
        reordered.state().put("reservations", "4WQ150", shuffled);
        assertEquals(initial, reordered.stateDigest());

        // 1 and 1.0 differ, as in Python's str(to_hashable(...))
        TauAirlineEnvironment asFloat = TauAirlineEnvironment.create();
        ((com.fasterxml.jackson.databind.node.ObjectNode) asFloat.state().writable("reservations", "4WQ150"))
                .put("total_baggages", 5.0);
        assertNotEquals(initial, asFloat.stateDigest());

        // a change and its undoing leave the digest as it was
        TauAirlineEnvironment undone = TauAirlineEnvironment.create();
        undone.execute(new ToolCall("c", "update_reservation_passengers", "{\"reservation_id\": \"HKEG34\", "
                + "\"passengers\": [{\"first_name\": \"A\", \"last_name\": \"B\", \"dob\": \"2000-01-01\"}]}"));
        assertNotEquals(initial, undone.stateDigest());
        undone.execute(new ToolCall("c", "update_reservation_passengers", "{\"reservation_id\": \"HKEG34\", "
                + "\"passengers\": " + PyJson.dumps(fresh.state().get("reservations", "HKEG34").get("passengers"))
                + "}"));
        assertEquals(initial, undone.stateDigest());
    }

    @Test
    void tauBenchsOwnDataHashIsReproduced() throws Exception {
        assertEquals(INITIAL_TAU_BENCH_HASH, TauAirlineEnvironment.create().tauBenchDataHash());
        // task 0 trial 0's calls, hashed by τ-bench's get_data_hash() after replaying them (ref.py)
        Episodes.Episode first = Episodes.load().getFirst();
        TauAirlineEnvironment environment = TauAirlineEnvironment.create();
        first.toolCalls().forEach(environment::execute);
        assertEquals("dda9ad5a39b154a3abdacd31df15b8885f8e386a6a0bcf282fb7ae30a549ba20",
                environment.tauBenchDataHash());
    }

    @Test
    void pythonTextFormsOfValues() throws Exception {
        JsonNode value = AirlineDatabase.JSON.readTree(
                "{\"z\": \"it's \\\"q\\\" \\u00e9 \\u2028 \\u0001\", \"a\": [1, 2.5, {\"b\": null, \"a\": true}]}");
        StringBuilder hashable = new StringBuilder();
        PyRepr.hashable(hashable, value);
        assertEquals("(('a', (1, 2.5, (('a', True), ('b', None)))), ('z', 'it\\'s \"q\" é \\u2028 \\x01'))",
                hashable.toString());
        assertEquals("{\"z\": \"it's \\\"q\\\" \\u00e9 \\u2028 \\u0001\", \"a\": [1, 2.5, {\"b\": null, \"a\": true}]}",
                PyJson.dumps(value));
        assertEquals("1e-05", PyRepr.floatRepr(0.00001));
        assertEquals("0.0001", PyRepr.floatRepr(0.0001));
        assertEquals("1e+16", PyRepr.floatRepr(1e16));
        assertEquals("1234567890123456.0", PyRepr.floatRepr(1234567890123456.0));
        assertEquals("1.5e+300", PyRepr.floatRepr(1.5e300));
        assertEquals("-0.0", PyRepr.floatRepr(-0.0));
        assertEquals("0.30000000000000004", PyRepr.floatRepr(0.1 + 0.2));
    }
}
