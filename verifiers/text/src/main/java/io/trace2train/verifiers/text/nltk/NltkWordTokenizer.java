package io.trace2train.verifiers.text.nltk;

import io.trace2train.verifiers.text.Preload;
import static java.util.Objects.requireNonNull;

import io.trace2train.api.text.PythonText;
import io.trace2train.verifiers.text.Span;
import io.trace2train.verifiers.text.punkt.PunktSentenceTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * NLTK 3.8's {@code word_tokenize}: Punkt sentences, then the improved Treebank tokenizer
 * ({@code NLTKWordTokenizer}) on each sentence. Thread-safe.
 */
public final class NltkWordTokenizer {

    private final PunktSentenceTokenizer sentences;

    public NltkWordTokenizer(PunktSentenceTokenizer sentences) {
        this.sentences = requireNonNull(sentences, "sentences");
    }

    /** The tokenizer of {@code nltk.word_tokenize(text)} with its default English model. */
    public static NltkWordTokenizer english() {
        return English.INSTANCE;
    }

    /** Loads the tokenizer and its English model on a background thread, once (see {@link Preload}). */
    public static void preload() {
        Preload.inBackground("nltk-word-tokenizer", () -> english().tokenize("Loaded. Ready, DON'T wait."));
    }

    private static final class English {
        static final NltkWordTokenizer INSTANCE = new NltkWordTokenizer(PunktSentenceTokenizer.english());
    }

    /** {@code nltk.word_tokenize(text)}. */
    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        for (Span sentence : sentences.spans(text)) {
            tokens.addAll(tokenizeSentence(sentence.in(text)));
        }
        return tokens;
    }

    /** The tokens of {@link #tokenize}, each with the range of {@code text} it came from. */
    public List<WordToken> tokenizeWithSpans(String text) {
        List<WordToken> tokens = new ArrayList<>();
        for (Span span : sentences.spans(text)) {
            String sentence = span.in(text);
            int cursor = 0;
            for (String token : tokenizeSentence(sentence)) {
                int start = find(sentence, token, cursor);
                int end;
                if (start < 0) {
                    // Cannot happen with NLTK's rules; an empty range keeps evidence harmless if it ever does.
                    start = cursor;
                    end = cursor;
                } else {
                    end = start + (isQuote(token) ? quoteLength(sentence, start) : token.length());
                }
                tokens.add(new WordToken(token, span.start() + start, span.start() + end));
                cursor = end;
            }
        }
        return tokens;
    }

    /** {@code NLTKWordTokenizer().tokenize(sentence)}: the Treebank rules on text that is one sentence. */
    public static List<String> tokenizeSentence(String sentence) {
        return PythonText.split(TreebankRules.apply(sentence));
    }

    /**
     * Where a token starts in {@code sentence} from {@code from} on, left to right as NLTK's {@code align_tokens}
     * does; -1 if nowhere. Tokens are substrings of the sentence except quotes the rules rewrite ({@code "} becomes
     * {@code ``} or {@code ''}), which match the first double quote, {@code ``} or {@code ''}.
     */
    private static int find(String sentence, String token, int from) {
        if (!isQuote(token)) {
            return sentence.indexOf(token, from);
        }
        for (int i = from; i < sentence.length(); i++) {
            if (quoteLength(sentence, i) > 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isQuote(String token) {
        return token.equals("``") || token.equals("''");
    }

    /** The length of the double quote form ({@code "}, {@code ``}, {@code ''}) at {@code i}, or 0. */
    private static int quoteLength(String sentence, int i) {
        char c = sentence.charAt(i);
        if (c == '"') {
            return 1;
        }
        boolean doubled = i + 1 < sentence.length() && sentence.charAt(i + 1) == c;
        return (c == '`' || c == '\'') && doubled ? 2 : 0;
    }
}
