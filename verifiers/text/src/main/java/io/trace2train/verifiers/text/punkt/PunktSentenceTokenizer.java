package io.trace2train.verifiers.text.punkt;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.text.PythonText;
import io.trace2train.verifiers.text.CheckBudget;
import io.trace2train.verifiers.text.Preload;
import io.trace2train.verifiers.text.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * NLTK 3.8's Punkt sentence tokenizer ({@code PunktSentenceTokenizer.tokenize} with boundary realignment), exactly:
 * IFEval counts sentences with it, so every quirk is kept. Candidate ends are {@code . ? !} followed by punctuation
 * or by whitespace and a token; each is decided on the short context of the word before and the token after it;
 * closing quotes and brackets after a break are then moved into the sentence they close.
 *
 * <p>Thread-safe and stateless apart from the immutable model.
 */
public final class PunktSentenceTokenizer {

    /** Python's {@code string.whitespace}, which Punkt uses to find the word before a candidate end. */
    private static final String ASCII_WHITESPACE = " \t\n\r\u000B\f";

    private final SentenceBreakDetector detector;

    public PunktSentenceTokenizer(PunktParameters params) {
        this.detector = new SentenceBreakDetector(requireNonNull(params, "params"));
    }

    /** The tokenizer with NLTK's English model, the one {@code nltk.sent_tokenize} uses. */
    public static PunktSentenceTokenizer english() {
        return English.INSTANCE;
    }

    /** Loads the English model on a background thread, once: a verifier that will need it calls this on creation. */
    public static void preload() {
        Preload.inBackground("punkt-english", () -> english().count("Loaded. Ready."));
    }

    private static final class English {
        static final PunktSentenceTokenizer INSTANCE = new PunktSentenceTokenizer(PunktParameters.english());
    }

    /** The sentences of {@code text}, as NLTK's {@code tokenize}. */
    public List<String> sentences(String text) {
        List<Span> spans = spans(text);
        List<String> sentences = new ArrayList<>(spans.size());
        for (Span span : spans) {
            sentences.add(span.in(text));
        }
        return sentences;
    }

    /** How many sentences {@code text} has. */
    public int count(String text) {
        return spans(text).size();
    }

    /** The ranges of the sentences of {@code text}, in order, none empty; as NLTK's {@code span_tokenize}. */
    public List<Span> spans(String text) {
        return realign(text, slices(text));
    }

    /**
     * The raw sentence slices ({@code _slices_from_text}): each candidate end whose context holds a break closes a
     * slice; the next one starts at the token after it (or right after the mark when punctuation follows). The last
     * slice runs to the end of the text without trailing whitespace, and may be empty.
     */
    private List<Span> slices(String text) {
        List<Span> slices = new ArrayList<>();
        int lastBreak = 0;
        Matcher match = PunktPatterns.PERIOD_CONTEXT.matcher(CheckBudget.guard(text));
        // NLTK's _match_potential_end_contexts: the word before each candidate is found right to left; a candidate
        // whose word reaches back over the previous one (as in "!!!") replaces it, so only the last mark counts.
        Candidate previous = null;
        while (match.find()) {
            int stop = match.start();
            int prevStop = previous == null ? 0 : previous.wordEnd();
            int prevStart = previous == null ? 0 : previous.wordStart();
            int space = lastAsciiWhitespace(text, prevStop, stop);
            // NLTK tests the relative index for truth, so whitespace at relative index 0 counts as none.
            int wordStart = space != 0 ? prevStop + space + 1 : prevStart;
            if (previous != null && prevStop <= wordStart) {
                lastBreak = decide(text, previous, slices, lastBreak);
            }
            previous = new Candidate(wordStart, stop, match.end(), match.end(PunktPatterns.AFTER_TOKEN),
                    match.start(PunktPatterns.NEXT_TOKEN));
        }
        if (previous != null) {
            lastBreak = decide(text, previous, slices, lastBreak);
        }
        // A Python slice past its stop is empty; an empty span says the same.
        slices.add(new Span(lastBreak, Math.max(lastBreak, rstripLength(text))));
        return slices;
    }

    /**
     * A candidate sentence end: the word before it {@code [wordStart, wordEnd)}, the mark ending at {@code markEnd},
     * the context ending at {@code contextEnd}, and where the next token starts (-1 when punctuation follows).
     */
    private record Candidate(int wordStart, int wordEnd, int markEnd, int contextEnd, int nextTokenStart) {
    }

    /** Closes a slice at the candidate if its context holds a break; returns where the next slice starts. */
    private int decide(String text, Candidate candidate, List<Span> slices, int lastBreak) {
        // The context is the word, the mark and what follows, which lie contiguously in the text.
        if (!detector.containsSentbreak(text, candidate.wordStart(), candidate.contextEnd())) {
            return lastBreak;
        }
        slices.add(new Span(lastBreak, candidate.markEnd()));
        return candidate.nextTokenStart() >= 0 ? candidate.nextTokenStart() : candidate.markEnd();
    }

    /** Index, relative to {@code from}, of the last ASCII whitespace in {@code text[from, to)}; 0 if there is none. */
    private static int lastAsciiWhitespace(String text, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (ASCII_WHITESPACE.indexOf(text.charAt(i)) >= 0) {
                return i - from;
            }
        }
        return 0;
    }

    /** Python {@code len(text.rstrip())}. */
    private static int rstripLength(String text) {
        int end = text.length();
        while (end > 0 && PythonText.isSpace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /**
     * NLTK's {@code _realign_boundaries}: closing quotes or brackets at the start of a slice move to the slice before
     * ({@code (Sent1.) Sent2.} gives {@code (Sent1.)} and {@code Sent2.}); slices left empty are dropped.
     */
    private static List<Span> realign(String text, List<Span> slices) {
        List<Span> sentences = new ArrayList<>(slices.size());
        Matcher closing = PunktPatterns.BOUNDARY_REALIGNMENT.matcher(CheckBudget.guard(text));
        int realign = 0;
        for (int i = 0; i < slices.size(); i++) {
            int start = slices.get(i).start() + realign;
            int end = slices.get(i).end();
            if (i + 1 == slices.size()) {
                addIfNotEmpty(sentences, start, end);
                break;
            }
            Span next = slices.get(i + 1);
            // The region makes $ and the lookahead see the slice alone, as Python matching on text[next] does.
            if (next.start() < next.end() && closing.region(next.start(), next.end()).lookingAt()) {
                sentences.add(new Span(start, closing.end(1)));
                realign = closing.end() - next.start();
            } else {
                realign = 0;
                addIfNotEmpty(sentences, start, end);
            }
        }
        return sentences;
    }

    private static void addIfNotEmpty(List<Span> sentences, int start, int end) {
        if (start < end) {
            sentences.add(new Span(start, end));
        }
    }
}
