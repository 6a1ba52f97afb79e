package io.trace2train.engine.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean": the known names closest to a misspelt one. */
public final class Suggestions {

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private Suggestions() {
    }

    /**
     * Up to {@code limit} known names within an edit distance of a third of the longer name (at least 2), closest
     * first; a known name that shares the part after ':' (a right name in the wrong category) always qualifies.
     */
    public static List<String> closest(String wrong, Collection<String> known, int limit) {
        record Scored(String name, int distance) {
        }
        String wrongTail = wrong.substring(wrong.indexOf(':') + 1);
        return known.stream()
                .map(name -> new Scored(name, DISTANCE.apply(wrong, name)))
                .filter(s -> s.distance() <= Math.max(2, Math.max(wrong.length(), s.name().length()) / 3)
                        || s.name().substring(s.name().indexOf(':') + 1).equals(wrongTail))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(limit)
                .map(Scored::name)
                .toList();
    }
}
