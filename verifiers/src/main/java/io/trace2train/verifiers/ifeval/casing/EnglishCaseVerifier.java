package io.trace2train.verifiers.ifeval.casing;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.verifiers.ifeval.IfevalVerifier;
import io.trace2train.verifiers.text.language.LanguageDetector;
import io.trace2train.verifiers.text.language.LanguageNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code change_case:english_capital} and {@code change_case:english_lowercase}: the response is all in one case
 * ({@link LetterCase}) and langdetect calls it English. As in the reference, the case is checked first and language
 * detection runs only when it holds; a text with no features for the detector passes.
 */
final class EnglishCaseVerifier extends IfevalVerifier {

    static final String CAPITAL_ID = "change_case:english_capital";
    static final String LOWERCASE_ID = "change_case:english_lowercase";

    private static final String ENGLISH = "en";

    private final LetterCase letterCase;
    private final String required;

    EnglishCaseVerifier(String id, LetterCase letterCase) {
        super(id);
        this.letterCase = requireNonNull(letterCase, "letterCase");
        this.required = "English, " + letterCase.label() + " letters only";
        LanguageDetector.preload(); // a check is coming: overlap the profiles' loading with the rest of start-up
    }

    @Override
    protected Verdict judge(String response) {
        if (!letterCase.holds(response)) {
            return wrongCase(response);
        }
        String measured = "all " + letterCase.label() + " letters, ";
        Optional<String> detected = LanguageDetector.instance().detect(response);
        if (detected.isEmpty()) {
            return pass(measured + "no language detected", required);
        }
        String found = detected.get();
        if (found.equals(ENGLISH)) {
            return pass(measured + "language " + found, required);
        }
        String readsAs = LanguageNames.readsAs(found);
        return fail(measured + "language " + found, required,
                "Write the whole response in English; " + readsAs + ".",
                List.of(new Evidence(0, response.length(), readsAs)));
    }

    private Verdict wrongCase(String response) {
        List<Evidence> runs = offendingRuns(response);
        if (runs.isEmpty()) {
            return fail("no cased letters", required,
                    "Write the response in English, in " + letterCase.label() + " letters.", List.of());
        }
        long count = response.codePoints().filter(letterCase::offends).count();
        String other = letterCase.offendingLabel();
        return fail(count + " " + other + (count == 1 ? " letter" : " letters"), required,
                "Write the whole response in " + letterCase.label() + " letters: "
                        + (count == 1 ? "1 letter is " : count + " letters are ") + other + ".",
                runs);
    }

    /**
     * Each stretch from an offending letter to the last one before the next correctly cased letter, so that a
     * sentence in the wrong case is one range rather than one per word.
     */
    private List<Evidence> offendingRuns(String text) {
        String reason = letterCase.offendingLabel() + " letters";
        List<Evidence> runs = new ArrayList<>();
        int start = -1;
        int end = -1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            if (letterCase.offends(c)) {
                start = start < 0 ? i : start;
                end = next;
            } else if (letterCase.fits(c) && start >= 0) {
                runs.add(new Evidence(start, end, reason));
                start = -1;
            }
            i = next;
        }
        if (start >= 0) {
            runs.add(new Evidence(start, end, reason));
        }
        return runs;
    }
}
