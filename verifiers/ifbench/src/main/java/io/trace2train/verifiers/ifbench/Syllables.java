package io.trace2train.verifiers.ifbench;

import io.trace2train.api.text.PythonText;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code syllapy.count(word)} of syllapy 0.7.2: its word table first, then its compound rule and vowel-group
 * heuristic.
 */
final class Syllables {

    private static final String VOWELS = "aeiouy";
    private static final Map<String, Integer> TABLE = load();

    private Syllables() {
    }

    static int count(String word) {
        String w = PythonText.strip(PythonText.lower(PythonText.strip(word)), IfbenchText.PUNCT);
        if (w.isEmpty() || w.codePoints().anyMatch(Character::isDigit)) {
            return 0; // syllapy: words with a (Unicode) digit have no syllables
        }
        Integer known = TABLE.get(w);
        if (known != null) {
            return known;
        }
        // re.match("([^-]+)-(.+)", word) on a word without line breaks: split at the first hyphen if it has
        // something on both sides
        int hyphen = w.indexOf('-');
        if (hyphen > 0 && hyphen + 1 < w.length() && w.indexOf('\n') < 0) {
            int left = count(w.substring(0, hyphen));
            int right = count(w.substring(hyphen + 1));
            return left == 0 || right == 0 ? 0 : left + right;
        }
        return heuristic(w);
    }

    private static int heuristic(String word) {
        int[] cps = word.codePoints().toArray();
        int count = isVowel(cps[0]) ? 1 : 0;
        for (int i = 1; i < cps.length; i++) {
            if (isVowel(cps[i]) && !isVowel(cps[i - 1])) {
                count++;
            }
        }
        if (word.endsWith("e")) {
            count--;
        }
        if (word.endsWith("le") && cps.length > 2 && !isVowel(cps[cps.length - 3])) {
            count++;
        }
        return count == 0 ? 1 : count;
    }

    private static boolean isVowel(int c) {
        return c < 0x80 && VOWELS.indexOf(c) >= 0;
    }

    private static Map<String, Integer> load() {
        Map<String, Integer> table = new HashMap<>();
        for (String line : ReferenceData.lines("syllapy_data.csv")) {
            int comma = line.lastIndexOf(',');
            if (comma > 0) {
                table.put(line.substring(0, comma), Integer.parseInt(line.substring(comma + 1).strip()));
            }
        }
        return table;
    }
}
