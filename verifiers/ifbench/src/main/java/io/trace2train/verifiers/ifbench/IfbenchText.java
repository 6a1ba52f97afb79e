package io.trace2train.verifiers.ifbench;

import io.trace2train.api.text.PythonText;
import io.trace2train.verifiers.text.Span;
import io.trace2train.verifiers.text.nltk.NltkWordTokenizer;
import io.trace2train.verifiers.text.punkt.PunktSentenceTokenizer;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Python idioms the IFBench checkers are built from, with Python's semantics: {@code string.punctuation},
 * {@code translate} deleting it, {@code strip(PUNCT + ' ')}, {@code nltk.sent_tokenize}, {@code nltk.word_tokenize},
 * {@code isdigit}, code-point indexing. Everything else comes from {@link PythonText}.
 */
public final class IfbenchText {

    /** Python's {@code string.punctuation}: ASCII only. */
    public static final String PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    /** {@code ''.join(string.punctuation) + ' '}, the set most checkers strip from word ends. */
    public static final String PUNCT_SPACE = PUNCT + " ";

    private IfbenchText() {
    }

    /** {@code s.translate(str.maketrans('', '', string.punctuation))}. */
    public static String deletePunct(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (PUNCT.indexOf(c) < 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code s.strip(string.punctuation + ' ')}. */
    public static String stripPunct(String s) {
        return PythonText.strip(s, PUNCT_SPACE);
    }

    /**
     * The last texts split on this thread. A response is judged against several instructions, strictly and in its
     * loose variants (several of which often equal the response), and most checks split it into sentences or
     * tokens first: a few remembered results spare repeating that work. Bounded: 16 texts a thread.
     */
    private static final ThreadLocal<Map<String, List<String>>> SENTENCES = ThreadLocal.withInitial(Recent::new);
    private static final ThreadLocal<Map<String, List<String>>> TOKENS = ThreadLocal.withInitial(Recent::new);

    /** A map of the 16 most recently used entries. */
    private static final class Recent extends LinkedHashMap<String, List<String>> {
        private static final long serialVersionUID = 1L;

        Recent() {
            super(32, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > 16;
        }
    }

    /** {@code nltk.sent_tokenize(s)}. */
    public static List<String> sentences(String s) {
        return SENTENCES.get().computeIfAbsent(s, text -> List.copyOf(PunktSentenceTokenizer.english().sentences(text)));
    }

    /** {@code nltk.word_tokenize(s)}. */
    public static List<String> wordTokens(String s) {
        return TOKENS.get().computeIfAbsent(s, text -> List.copyOf(NltkWordTokenizer.english().tokenize(text)));
    }

    /**
     * The first {@code n} tokens of {@code nltk.word_tokenize(s)} (fewer if it has fewer): sentences are tokenized
     * only until there are enough.
     */
    public static List<String> firstWordTokens(String s, int n) {
        List<String> tokens = new ArrayList<>();
        for (Span sentence : PunktSentenceTokenizer.english().spans(s)) {
            tokens.addAll(NltkWordTokenizer.tokenizeSentence(sentence.in(s)));
            if (tokens.size() >= n) {
                return List.copyOf(tokens.subList(0, n));
            }
        }
        return tokens;
    }

    /** The first code point of {@code s} as a string ({@code s[0]}); {@code s} must not be empty. */
    public static String first(String s) {
        return s.substring(0, Character.charCount(s.codePointAt(0)));
    }

    /** The last code point of {@code s} as a string ({@code s[-1]}); {@code s} must not be empty. */
    public static String last(String s) {
        return s.substring(s.offsetByCodePoints(s.length(), -1));
    }

    /** The code points of {@code s} in reverse order ({@code s[::-1]}). */
    public static String reverse(String s) {
        int[] cps = s.codePoints().toArray();
        StringBuilder out = new StringBuilder(s.length());
        for (int i = cps.length - 1; i >= 0; i--) {
            out.appendCodePoint(cps[i]);
        }
        return out.toString();
    }

    /** Python's {@code c.isdigit()} for one code point: decimal digits and the other digits (superscripts, circled). */
    public static boolean isDigit(int c) {
        int type = Character.getType(c);
        if (type == Character.DECIMAL_DIGIT_NUMBER) {
            return true;
        }
        int value = Character.getNumericValue(c);
        return type == Character.OTHER_NUMBER && value >= 0 && value <= 9;
    }

    /** Python's {@code s.isdigit()}: not empty, every code point a digit. */
    public static boolean isDigits(String s) {
        return !s.isEmpty() && s.codePoints().allMatch(IfbenchText::isDigit);
    }

    /** Python's {@code c.isalnum()} for one code point. */
    public static boolean isAlnum(int c) {
        if (Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** The runs of Python's {@code \w} ({@code re.findall(r"\w+", s)}, NLTK's {@code RegexpTokenizer(r"\w+")}). */
    public static List<String> wordRuns(String s) {
        List<String> runs = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            boolean word = PythonText.isWordChar(c);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                runs.add(s.substring(start, i));
                start = -1;
            }
            i += Character.charCount(c);
        }
        if (start >= 0) {
            runs.add(s.substring(start));
        }
        return runs;
    }

    /** {@code unicodedata.normalize('NFKD', s).encode('ASCII', 'ignore').decode('ASCII')}. */
    public static String asciiFold(String s) {
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c < 0x80) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Python's {@code s.count(sub)}: non-overlapping occurrences; {@code sub} must not be empty. */
    public static int occurrences(String s, String sub) {
        int count = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
            count++;
        }
        return count;
    }

    /** Python's {@code len(s)}. */
    public static int length(String s) {
        return PythonText.length(s);
    }
}
