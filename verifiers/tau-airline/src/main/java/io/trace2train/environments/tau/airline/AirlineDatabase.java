package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * τ-bench's airline database as shipped (flights, reservations, users), parsed once per JVM and never changed: every
 * environment reads it through its own {@link AirlineState} overlay. Callers must treat every node it hands out as
 * read-only.
 */
final class AirlineDatabase {

    /** The tables in the order {@code load_data()} builds its dict (also their sorted order). */
    static final List<String> TABLES = List.of("flights", "reservations", "users");

    /** Reads JSON as Python's {@code json.loads} does, including {@code NaN} and {@code Infinity}. */
    static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private static final String RESOURCES = "/io/trace2train/environments/tau/airline/";

    private final Map<String, ObjectNode> tables;
    private final Map<String, List<String>> sortedKeys;
    private volatile Map<String, Map<String, byte[]>> recordHashes;

    private AirlineDatabase(Map<String, ObjectNode> tables) {
        this.tables = tables;
        Map<String, List<String>> sorted = new LinkedHashMap<>();
        tables.forEach((name, table) -> {
            List<String> keys = new ArrayList<>(table.size());
            table.fieldNames().forEachRemaining(keys::add);
            keys.sort(PyRepr::compareCodePoints);
            sorted.put(name, List.copyOf(keys));
        });
        this.sortedKeys = Collections.unmodifiableMap(sorted);
    }

    private static final class Holder {
        static final AirlineDatabase SHIPPED = load();
    }

    /** Whole databases read from the shipped files in this JVM: the one copy every state shares. */
    private static final java.util.concurrent.atomic.AtomicInteger LOADS = new java.util.concurrent.atomic.AtomicInteger();

    static int loads() {
        return LOADS.get();
    }

    /** Records in all tables. */
    int records() {
        return tables.values().stream().mapToInt(ObjectNode::size).sum();
    }

    /** The shipped database, loaded on first use. */
    static AirlineDatabase shipped() {
        return Holder.SHIPPED;
    }

    private static AirlineDatabase load() {
        LOADS.incrementAndGet();
        Map<String, ObjectNode> tables = new LinkedHashMap<>();
        for (String table : TABLES) {
            tables.put(table, (ObjectNode) readResource("db/" + table + ".json"));
        }
        return new AirlineDatabase(Collections.unmodifiableMap(tables));
    }

    static JsonNode readResource(String name) {
        try (InputStream in = AirlineDatabase.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCES + name + " is missing from the jar");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCES + name, e);
        }
    }

    static String readText(String name) {
        try (InputStream in = AirlineDatabase.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCES + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCES + name, e);
        }
    }

    /** One table's records in file order (read-only). */
    ObjectNode table(String name) {
        return tables.get(name);
    }

    List<String> sortedKeys(String table) {
        return sortedKeys.get(table);
    }

    private volatile String digest;

    /**
     * SHA-256 over each table's keys in sorted order, each with its record's hash: the database's own digest, the
     * base of every state's ({@link AirlineState#digest()}); computed once.
     */
    String digest() {
        String value = digest;
        if (value == null) {
            MessageDigest sha = sha256();
            for (String table : TABLES) {
                sha.update(("table " + table + "\n").getBytes(StandardCharsets.UTF_8));
                for (String key : sortedKeys(table)) {
                    byte[] name = key.getBytes(StandardCharsets.UTF_8);
                    sha.update((name.length + ":").getBytes(StandardCharsets.UTF_8));
                    sha.update(name);
                    sha.update(recordHash(table, key));
                }
            }
            value = java.util.HexFormat.of().formatHex(sha.digest());
            digest = value;
        }
        return value;
    }

    /** The SHA-256 of each record's canonical text, computed once, on the first digest. */
    byte[] recordHash(String table, String key) {
        Map<String, Map<String, byte[]>> hashes = recordHashes;
        if (hashes == null) {
            synchronized (this) {
                hashes = recordHashes;
                if (hashes == null) {
                    hashes = new LinkedHashMap<>();
                    for (String name : TABLES) {
                        Map<String, byte[]> byKey = new java.util.HashMap<>();
                        ObjectNode records = tables.get(name);
                        records.properties().iterator().forEachRemaining(e -> byKey.put(e.getKey(), recordHash(e.getValue())));
                        hashes.put(name, byKey);
                    }
                    recordHashes = hashes;
                }
            }
        }
        return hashes.get(table).get(key);
    }

    static byte[] recordHash(JsonNode record) {
        StringBuilder text = new StringBuilder(1024);
        PyRepr.hashable(text, record);
        return sha256().digest(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
