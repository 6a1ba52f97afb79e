package io.trace2train.verifiers.text.punkt;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A trained Punkt model: known abbreviations, collocations, frequent sentence starters and the orthographic context
 * of each word type. Immutable and thread-safe. {@link #english()} is NLTK's {@code english.pickle} (the one NLTK 3.8
 * loads for {@code sent_tokenize}), exported to JSON.
 */
public final class PunktParameters {

    /** Where the English model lies on the classpath. */
    public static final String ENGLISH_RESOURCE = "/io/trace2train/verifiers/punkt/english.json";

    /** Orthographic context flags: the type was seen upper/lower case at a sentence start, mid-sentence, unknown. */
    static final int BEG_UC = 1 << 1;
    static final int MID_UC = 1 << 2;
    static final int UNK_UC = 1 << 3;
    static final int BEG_LC = 1 << 4;
    static final int MID_LC = 1 << 5;
    static final int UNK_LC = 1 << 6;
    static final int UC = BEG_UC | MID_UC | UNK_UC;
    static final int LC = BEG_LC | MID_LC | UNK_LC;

    private final Set<String> abbreviations;
    private final Map<String, Set<String>> collocations;
    private final Set<String> sentenceStarters;
    private final Map<String, Integer> orthoContext;

    /**
     * @param abbreviations lower-case abbreviation types without their final period, e.g. {@code "dr"}, {@code "u.s"}
     * @param collocations for each first type, the second types after which its period is no sentence break
     * @param sentenceStarters lower-case types that often start a sentence
     * @param orthoContext type to bit mask of orthographic contexts; a missing type has none
     */
    public PunktParameters(Set<String> abbreviations, Map<String, Set<String>> collocations,
            Set<String> sentenceStarters, Map<String, Integer> orthoContext) {
        this.abbreviations = Set.copyOf(abbreviations);
        Map<String, Set<String>> copy = new HashMap<>();
        requireNonNull(collocations, "collocations").forEach((first, seconds) -> copy.put(first, Set.copyOf(seconds)));
        this.collocations = Map.copyOf(copy);
        this.sentenceStarters = Set.copyOf(sentenceStarters);
        this.orthoContext = Map.copyOf(orthoContext);
    }

    /** NLTK's English model, read from the classpath once on first use. */
    public static PunktParameters english() {
        return English.INSTANCE;
    }

    /** Lazy holder: the JVM's class initialisation makes the one load thread-safe. */
    private static final class English {
        static final PunktParameters INSTANCE = loadResource(ENGLISH_RESOURCE);
    }

    private static PunktParameters loadResource(String resource) {
        try (InputStream in = PunktParameters.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Punkt model " + resource + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Punkt model " + resource, e);
        }
    }

    /**
     * Reads a model in the JSON layout of the exported pickle: {@code abbrev_types} (list), {@code collocations}
     * (list of pairs), {@code sent_starters} (list), {@code ortho_context} (object of integers).
     */
    public static PunktParameters read(InputStream json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        Map<String, Set<String>> collocations = new HashMap<>();
        for (JsonNode pair : field(root, "collocations")) {
            collocations.computeIfAbsent(pair.get(0).asText(), first -> new HashSet<>()).add(pair.get(1).asText());
        }
        Map<String, Integer> ortho = new HashMap<>();
        field(root, "ortho_context").properties()
                .forEach(entry -> ortho.put(entry.getKey(), entry.getValue().asInt()));
        return new PunktParameters(strings(field(root, "abbrev_types")), collocations,
                strings(field(root, "sent_starters")), ortho);
    }

    private static JsonNode field(JsonNode root, String name) throws IOException {
        JsonNode node = root.get(name);
        if (node == null) {
            throw new IOException("Punkt model lacks '" + name + "'");
        }
        return node;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    boolean isAbbreviation(String type) {
        return abbreviations.contains(type);
    }

    boolean isCollocation(String first, String second) {
        Set<String> seconds = collocations.get(first);
        return seconds != null && seconds.contains(second);
    }

    boolean isSentenceStarter(String type) {
        return sentenceStarters.contains(type);
    }

    /** The orthographic context bit mask of a type; 0 for a type never seen in training. */
    int orthoContext(String type) {
        return orthoContext.getOrDefault(type, 0);
    }
}
