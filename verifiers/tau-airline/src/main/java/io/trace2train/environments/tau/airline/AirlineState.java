package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One environment's database: the shared, immutable {@link AirlineDatabase} plus an overlay of the records this
 * environment changed or added. A record is copied on its first write only, so a copy or reset costs the changed
 * records, never the 5 MB base. Reads return base nodes: tools must call {@link #writable} before changing one.
 */
final class AirlineState {

    private final AirlineDatabase base;
    /** Per table: changed or added records, by key; added keys keep their insertion order (Python dict order). */
    private final Map<String, LinkedHashMap<String, JsonNode>> overlay = new HashMap<>();
    /** Records deep-copied so far by this state and the copies made from it (bounded-work checks read it). */
    private long recordsCopied;
    /** In this JVM: states made (fresh, reset ones not counted, and copies) and records deep-copied by all of them. */
    private static final AtomicLong STATES = new AtomicLong();
    private static final AtomicLong ALL_RECORDS_COPIED = new AtomicLong();

    AirlineState(AirlineDatabase base) {
        this.base = base;
        STATES.incrementAndGet();
        for (String table : AirlineDatabase.TABLES) {
            overlay.put(table, new LinkedHashMap<>());
        }
    }

    /** {@code data[table][key]}, or null when absent. */
    JsonNode get(String table, String key) {
        JsonNode changed = overlay.get(table).get(key);
        return changed != null ? changed : base.table(table).get(key);
    }

    boolean contains(String table, String key) {
        return overlay.get(table).containsKey(key) || base.table(table).has(key);
    }

    /** The record, made this state's own on first call so it may be changed in place. */
    JsonNode writable(String table, String key) {
        LinkedHashMap<String, JsonNode> changes = overlay.get(table);
        JsonNode own = changes.get(key);
        if (own == null) {
            JsonNode shared = base.table(table).get(key);
            if (shared == null) {
                throw new IllegalArgumentException(table + " has no record " + key);
            }
            own = shared.deepCopy();
            recordsCopied++;
            ALL_RECORDS_COPIED.incrementAndGet();
            changes.put(key, own);
        }
        return own;
    }

    /** {@code data[table][key] = record}. */
    void put(String table, String key, JsonNode record) {
        overlay.get(table).put(key, record);
    }

    /** {@code data[table].values()} in Python's order: the file's order, then added keys as they were added. */
    List<JsonNode> values(String table) {
        LinkedHashMap<String, JsonNode> changes = overlay.get(table);
        List<JsonNode> out = new ArrayList<>(base.table(table).size() + changes.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = base.table(table).properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> record = it.next();
            JsonNode changed = changes.get(record.getKey());
            out.add(changed != null ? changed : record.getValue());
        }
        changes.forEach((key, record) -> {
            if (!base.table(table).has(key)) {
                out.add(record);
            }
        });
        return out;
    }

    /** An independent copy: the overlay's few records are deep-copied, the base is shared. */
    AirlineState copy() {
        AirlineState copy = new AirlineState(base);
        overlay.forEach((table, changes) -> changes.forEach((key, record) -> {
            copy.overlay.get(table).put(key, record.deepCopy());
            copy.recordsCopied++;
            ALL_RECORDS_COPIED.incrementAndGet();
        }));
        return copy;
    }

    void reset() {
        overlay.values().forEach(Map::clear);
    }

    long recordsCopied() {
        return recordsCopied;
    }

    /** What every state of this JVM copied so far. */
    static TauAirlineEnvironment.Copies copies() {
        return new TauAirlineEnvironment.Copies(AirlineDatabase.loads(), AirlineDatabase.shipped().records(),
                STATES.get(), ALL_RECORDS_COPIED.get());
    }

    int changedRecords() {
        return overlay.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * The state's canonical digest: SHA-256 over the shipped database's digest, then per table the records that differ
     * from it (changed or added), by key in sorted order, each with the SHA-256 of its canonical text (τ-bench's
     * {@code to_hashable}: dict keys sorted, so key order never matters, while 1 and 1.0 differ as in Python). Tools
     * never delete a record, so the base and these differences are the whole state: equal states give equal digests
     * however they were reached (a change undone included), and a digest costs the changed records, not a pass over
     * the 2,800 of the base ({@code env:state_matches} takes one after every call when it explains a mismatch).
     */
    String digest() {
        MessageDigest digest = AirlineDatabase.sha256();
        digest.update(bytes("base " + base.digest() + "\n"));
        for (String table : AirlineDatabase.TABLES) {
            digest.update(bytes("table " + table + "\n"));
            List<String> differing = new ArrayList<>();
            Map<String, byte[]> hashes = new HashMap<>();
            overlay.get(table).forEach((key, record) -> {
                byte[] hash = AirlineDatabase.recordHash(record);
                byte[] original = base.table(table).has(key) ? base.recordHash(table, key) : null;
                if (original == null || !java.util.Arrays.equals(hash, original)) {
                    differing.add(key);
                    hashes.put(key, hash);
                }
            });
            differing.sort(PyRepr::compareCodePoints);
            for (String key : differing) {
                update(digest, key, hashes.get(key));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String key, byte[] recordHash) {
        byte[] name = bytes(key);
        digest.update(bytes(name.length + ":"));
        digest.update(name);
        digest.update(recordHash);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * τ-bench's own {@code get_data_hash()}: SHA-256 of {@code str(to_hashable(data))} over the whole database.
     * Costs a pass over all 5 MB; {@link #digest()} is the cheap equivalent used for comparisons.
     */
    String tauBenchHash() {
        StringBuilder text = new StringBuilder(8 << 20);
        text.append('(');
        for (int t = 0; t < AirlineDatabase.TABLES.size(); t++) {
            String table = AirlineDatabase.TABLES.get(t);
            text.append(t > 0 ? ", (" : "(");
            PyRepr.string(text, table);
            text.append(", ");
            com.fasterxml.jackson.databind.node.ObjectNode whole = Py.NODES.objectNode();
            for (String key : base.sortedKeys(table)) {
                whole.set(key, get(table, key));
            }
            overlay.get(table).forEach(whole::set);
            PyRepr.hashable(text, whole);
            text.append(')');
        }
        text.append(')');
        return HexFormat.of().formatHex(AirlineDatabase.sha256().digest(bytes(text.toString())));
    }
}
