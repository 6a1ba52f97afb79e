package io.trace2train.verifiers.ifbench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads the data files the checkers depend on, shipped beside this class (see the README.md there). */
final class ReferenceData {

    private ReferenceData() {
    }

    /** The file's lines, without line ends. */
    static List<String> lines(String file) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the IFBench data file " + file, e);
        }
    }

    /** The file as a stream, gunzipped where its name ends in {@code .gz}. */
    static InputStream open(String file) throws IOException {
        InputStream in = ReferenceData.class.getResourceAsStream(file);
        if (in == null) {
            throw new IllegalStateException("the IFBench data file " + file + " is missing from the jar");
        }
        return file.endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** The stopword set of {@code nltk.corpus.stopwords.words('english')}. */
    static final class StopWords {
        static final java.util.Set<String> ENGLISH = java.util.Set.copyOf(lines("stopwords_english.txt").stream()
                .filter(line -> !line.isEmpty()).toList());

        private StopWords() {
        }
    }

    /** The single code points {@code emoji.is_emoji} accepts (emoji 2.14.1). */
    static final class Emoji {
        private static final java.util.BitSet CODE_POINTS = load();

        private Emoji() {
        }

        static boolean isEmoji(int codePoint) {
            return CODE_POINTS.get(codePoint);
        }

        private static java.util.BitSet load() {
            java.util.BitSet set = new java.util.BitSet(0x20000);
            for (String line : lines("emoji_single_codepoints.txt")) {
                if (!line.isBlank()) {
                    set.set(Integer.parseInt(line.strip(), 16));
                }
            }
            return set;
        }
    }
}
