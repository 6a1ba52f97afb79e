package io.trace2train.verifiers.ifeval.language;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.verifiers.ifeval.IfevalVerifier;
import io.trace2train.verifiers.text.language.LanguageDetector;
import io.trace2train.verifiers.text.language.LanguageNames;
import java.util.List;
import java.util.Optional;

/**
 * {@code language:response_language}: langdetect names the given language. A text in which it finds no features
 * (no letters) passes, as in the reference, which treats the detector's exception as success.
 */
final class ResponseLanguageVerifier extends IfevalVerifier {

    static final String ID = "language:response_language";

    private final String language;

    ResponseLanguageVerifier(String language) {
        super(ID);
        this.language = requireNonNull(language, "language");
        LanguageDetector.preload(); // a check is coming: overlap the profiles' loading with the rest of start-up
    }

    @Override
    protected Verdict judge(String response) {
        String required = "language " + language;
        Optional<String> detected = LanguageDetector.instance().detect(response);
        if (detected.isEmpty()) {
            return pass("no language detected", required);
        }
        String found = detected.get();
        if (found.equals(language)) {
            return pass("language " + found, required);
        }
        String readsAs = LanguageNames.readsAs(found);
        return fail("language " + found, required,
                "Respond only in " + LanguageNames.describe(language) + "; " + readsAs + ".",
                List.of(new Evidence(0, response.length(), readsAs)));
    }
}
