package io.trace2train.verifiers.ifbench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * NLTK's averaged perceptron part-of-speech tagger ({@code nltk.pos_tag} with the English model), exactly: the same
 * features, the tag dictionary for frequent unambiguous words, scores summed in the model's order, and ties broken
 * towards the greater tag name as Python's {@code max(classes, key=lambda label: (scores[label], label))} does.
 * The 5.7 MB model is read on first use only (only {@code words:start_verb} needs it), from a compact binary copy
 * of the shipped JSON made at build time ({@link TaggerModelCompiler}): reading the JSON (its 271,206 decimal
 * weights above all) was a fifth of a cold IFBench {@code verify}.
 */
public final class PerceptronTagger {

    static final String MODEL = "averaged_perceptron_tagger_eng.json.gz";
    /** The binary copy: beside the JSON in the jar, made from it by the build. */
    static final String COMPILED = "averaged_perceptron_tagger_eng.bin";
    private static final int MAGIC = 0x54325450; // "T2TP"
    private static final int FORMAT = 1;
    private static final String[] START = {"-START-", "-START2-"};
    private static final String[] END = {"-END-", "-END2-"};

    private final String[] classes;
    private final Map<String, String> tagdict;
    private final Map<String, Weights> weights;

    /** The weights of one feature: class indices and their weights, in the model's order. */
    private record Weights(int[] classes, double[] values) {
    }

    private PerceptronTagger(String[] classes, Map<String, String> tagdict, Map<String, Weights> weights) {
        this.classes = classes;
        this.tagdict = tagdict;
        this.weights = weights;
    }

    /** The English model, loaded once on first use. */
    public static PerceptronTagger english() {
        return English.INSTANCE;
    }

    private static final class English {
        static final PerceptronTagger INSTANCE = loadCompiled();
    }

    /** {@code [tag for _, tag in nltk.pos_tag(tokens)]}. */
    public List<String> tags(List<String> tokens) {
        List<String> context = new ArrayList<>(tokens.size() + 4);
        context.add(START[0]);
        context.add(START[1]);
        tokens.forEach(token -> context.add(normalize(token)));
        context.add(END[0]);
        context.add(END[1]);
        List<String> tags = new ArrayList<>(tokens.size());
        String prev = START[0];
        String prev2 = START[1];
        for (int i = 0; i < tokens.size(); i++) {
            String word = tokens.get(i);
            String tag = tagdict.get(word);
            if (tag == null) {
                tag = predict(features(i + 2, word, context, prev, prev2));
            }
            tags.add(tag);
            prev2 = prev;
            prev = tag;
        }
        return tags;
    }

    /** {@code PerceptronTagger.normalize}: hyphenated words, years and numbers share a token; the rest lower case. */
    private static String normalize(String word) {
        if (word.contains("-") && word.charAt(0) != '-') {
            return "!HYPHEN";
        }
        if (IfbenchText.isDigits(word) && IfbenchText.length(word) == 4) {
            return "!YEAR";
        }
        if (!word.isEmpty() && IfbenchText.isDigit(word.codePointAt(0))) {
            return "!DIGITS";
        }
        return word.toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code _get_features}, in its order (the order scores are summed in). */
    private static List<String> features(int i, String word, List<String> context, String prev, String prev2) {
        return List.of(
                "bias",
                "i suffix " + suffix(word),
                "i pref1 " + (word.isEmpty() ? "" : IfbenchText.first(word)),
                "i-1 tag " + prev,
                "i-2 tag " + prev2,
                "i tag+i-2 tag " + prev + " " + prev2,
                "i word " + context.get(i),
                "i-1 tag+i word " + prev + " " + context.get(i),
                "i-1 word " + context.get(i - 1),
                "i-1 suffix " + suffix(context.get(i - 1)),
                "i-2 word " + context.get(i - 2),
                "i+1 word " + context.get(i + 1),
                "i+1 suffix " + suffix(context.get(i + 1)),
                "i+2 word " + context.get(i + 2));
    }

    /** Python's {@code word[-3:]}, in code points. */
    private static String suffix(String word) {
        int n = word.codePointCount(0, word.length());
        return n <= 3 ? word : word.substring(word.offsetByCodePoints(word.length(), -3));
    }

    private String predict(List<String> features) {
        double[] scores = new double[classes.length];
        for (String feature : features) {
            Weights w = weights.get(feature);
            if (w != null) {
                for (int k = 0; k < w.classes.length; k++) {
                    scores[w.classes[k]] += w.values[k];
                }
            }
        }
        int best = 0;
        for (int k = 1; k < classes.length; k++) {
            if (scores[k] > scores[best] || (scores[k] == scores[best] && classes[k].compareTo(classes[best]) > 0)) {
                best = k;
            }
        }
        return classes[best];
    }

    private static PerceptronTagger loadCompiled() {
        try (InputStream in = ReferenceData.open(COMPILED)) {
            return readCompiled(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tagger model " + COMPILED, e);
        }
    }

    /** The binary form {@link #writeCompiled} writes. */
    static PerceptronTagger readCompiled(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
        if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
            throw new IOException(COMPILED + ": not a tagger model of format " + FORMAT);
        }
        String[] classes = new String[in.readInt()];
        for (int k = 0; k < classes.length; k++) {
            classes[k] = in.readUTF();
        }
        int words = in.readInt();
        Map<String, String> tagdict = HashMap.newHashMap(words);
        for (int k = 0; k < words; k++) {
            tagdict.put(in.readUTF(), classes[in.readUnsignedByte()]);
        }
        int features = in.readInt();
        Map<String, Weights> weights = HashMap.newHashMap(features);
        for (int f = 0; f < features; f++) {
            String feature = in.readUTF();
            int n = in.readUnsignedByte();
            int[] ks = new int[n];
            double[] vs = new double[n];
            for (int k = 0; k < n; k++) {
                ks[k] = in.readUnsignedByte();
                vs[k] = in.readDouble();
            }
            weights.put(feature, new Weights(ks, vs));
        }
        if (in.read() != -1) {
            throw new IOException(COMPILED + ": data after the last feature");
        }
        return new PerceptronTagger(classes, Map.copyOf(tagdict), weights);
    }

    /** Writes this model in the binary form: every weight's exact bits, each feature's tags in the model's order. */
    void writeCompiled(OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeInt(classes.length);
        for (String tag : classes) {
            out.writeUTF(tag);
        }
        List<String> classList = List.of(classes);
        out.writeInt(tagdict.size());
        for (Map.Entry<String, String> entry : new java.util.TreeMap<>(tagdict).entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeByte(classList.indexOf(entry.getValue()));
        }
        out.writeInt(weights.size());
        for (Map.Entry<String, Weights> entry : new java.util.TreeMap<>(weights).entrySet()) {
            out.writeUTF(entry.getKey());
            Weights w = entry.getValue();
            out.writeByte(w.classes.length);
            for (int k = 0; k < w.classes.length; k++) {
                out.writeByte(w.classes[k]);
                out.writeDouble(w.values[k]);
            }
        }
        out.flush();
    }

    /** Whether both hold the same tags, tag dictionary and weights (each feature's in the same order, bit for bit). */
    boolean sameModel(PerceptronTagger other) {
        if (!java.util.Arrays.equals(classes, other.classes) || !tagdict.equals(other.tagdict)
                || !weights.keySet().equals(other.weights.keySet())) {
            return false;
        }
        return weights.entrySet().stream().allMatch(e -> {
            Weights o = other.weights.get(e.getKey());
            return java.util.Arrays.equals(e.getValue().classes, o.classes)
                    && java.util.Arrays.equals(e.getValue().values, o.values);
        });
    }

    /** The shipped JSON model, the binary copy's source. */
    static PerceptronTagger loadJson() {
        try (InputStream in = ReferenceData.open(MODEL);
                JsonParser json = new JsonFactory().createParser(in)) {
            List<String> classes = new ArrayList<>();
            Map<String, String> tagdict = new HashMap<>();
            Map<String, List<Map.Entry<String, Double>>> raw = new HashMap<>(100_000);
            expect(json.nextToken(), JsonToken.START_OBJECT);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "classes" -> {
                        while (json.nextToken() != JsonToken.END_ARRAY) {
                            classes.add(json.getText());
                        }
                    }
                    case "tagdict" -> {
                        while (json.nextToken() == JsonToken.FIELD_NAME) {
                            String word = json.currentName();
                            json.nextToken();
                            tagdict.put(word, json.getText());
                        }
                    }
                    case "weights" -> {
                        while (json.nextToken() == JsonToken.FIELD_NAME) {
                            String feature = json.currentName();
                            expect(json.nextToken(), JsonToken.START_OBJECT);
                            List<Map.Entry<String, Double>> entries = new ArrayList<>(4);
                            while (json.nextToken() == JsonToken.FIELD_NAME) {
                                String tag = json.currentName();
                                json.nextToken();
                                entries.add(Map.entry(tag, json.getDoubleValue()));
                            }
                            raw.put(feature, entries);
                        }
                    }
                    default -> json.skipChildren();
                }
            }
            String[] classArray = classes.toArray(String[]::new);
            Map<String, Integer> index = new HashMap<>();
            for (int k = 0; k < classArray.length; k++) {
                index.put(classArray[k], k);
            }
            Map<String, Weights> weights = new HashMap<>(raw.size() * 2);
            raw.forEach((feature, entries) -> {
                int[] ks = new int[entries.size()];
                double[] vs = new double[entries.size()];
                for (int k = 0; k < ks.length; k++) {
                    Integer at = index.get(entries.get(k).getKey());
                    if (at == null) {
                        throw new IllegalStateException(MODEL + ": feature '" + feature + "' weighs unknown tag '"
                                + entries.get(k).getKey() + "'");
                    }
                    ks[k] = at;
                    vs[k] = entries.get(k).getValue();
                }
                weights.put(feature, new Weights(ks, vs));
            });
            return new PerceptronTagger(classArray, Map.copyOf(tagdict), weights);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tagger model " + MODEL, e);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException(MODEL + ": expected " + expected + " but found " + actual);
        }
    }
}
