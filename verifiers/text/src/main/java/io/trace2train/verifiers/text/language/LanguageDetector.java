package io.trace2train.verifiers.text.language;

import com.cybozu.labs.langdetect.Detector;
import com.cybozu.labs.langdetect.DetectorFactory;
import com.cybozu.labs.langdetect.LangDetectException;
import io.trace2train.verifiers.text.Preload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Language identification as IFEval's reference does it ({@code langdetect.detect} of Python langdetect 1.0.9): the
 * Java original of that library, with the reference's 55 profiles and its view of the text
 * ({@link PythonDetectorInput}). Thread-safe; the profiles load once, on first use.
 *
 * <p>The detector samples n-grams at random. The reference never seeds it; here the seed is fixed, so the same text
 * always gets the same answer. Python and Java draw different random numbers, so on a text whose top two languages
 * are nearly tied the two may still disagree; on clear text they agree.
 */
public final class LanguageDetector {

    /** Any fixed value makes answers reproducible; this one is not tuned to anything. */
    static final long SEED = 0L;

    /** What the detector answers when no language reaches a probability of 0.1 (the reference passes it on). */
    public static final String UNKNOWN = "unknown";

    /** How many recent answers are remembered (about a megabyte of text at typical response lengths). */
    private static final int REMEMBERED = 256;

    private final List<String> languages;
    private final Map<String, Optional<String>> recent = new LinkedHashMap<>(REMEMBERED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
            return size() > REMEMBERED;
        }
    };

    private LanguageDetector() {
        // DetectorFactory is one static instance per class loader, and adding a language twice throws. Clearing first
        // makes loading safe even if something else in this class loader (another copy of this class) loaded it.
        synchronized (DetectorFactory.class) {
            DetectorFactory.clear();
            try {
                DetectorFactory.loadProfile(LangdetectProfiles.load());
            } catch (LangDetectException e) {
                throw new IllegalStateException("cannot load the language profiles", e);
            }
            DetectorFactory.setSeed(SEED);
            languages = List.copyOf(DetectorFactory.getLangList());
        }
    }

    /** The shared detector; the first call loads the profiles (about half a second). */
    public static LanguageDetector instance() {
        return Holder.INSTANCE;
    }

    /**
     * Starts loading the profiles on a background thread, once, so that a caller that knows detection is coming (a
     * verifier being created) overlaps the half second of loading with its other start-up work.
     */
    public static void preload() {
        Preload.inBackground("langdetect-profiles", LanguageDetector::instance);
    }

    /** Class initialisation gives lazy, once-only, thread-safe loading. */
    private static final class Holder {
        static final LanguageDetector INSTANCE = new LanguageDetector();
    }

    /**
     * The most probable language of the text, as a profile code ({@code "en"}, {@code "zh-cn"}), or {@link #UNKNOWN}
     * when none is probable enough.
     *
     * @return empty where the reference raises {@code LangDetectException}: the text has no letters that any profile
     *     knows (digits and punctuation only, or empty)
     */
    public Optional<String> detect(String text) {
        // One response is detected several times over (strict, then the loose candidates, several of them often
        // equal to it; two case checks and a language check on one prompt): the seeded answer is a pure function
        // of the text, so recent answers are remembered.
        synchronized (recent) {
            Optional<String> known = recent.get(text);
            if (known != null) {
                return known;
            }
        }
        Optional<String> detected = detectUncached(text);
        synchronized (recent) {
            recent.put(text, detected);
        }
        return detected;
    }

    private static Optional<String> detectUncached(String text) {
        try {
            Detector detector = DetectorFactory.create();
            detector.append(PythonDetectorInput.prepare(text));
            return Optional.of(detector.detect());
        } catch (LangDetectException noFeatures) {
            return Optional.empty();
        }
    }

    /** The codes this detector can answer, in profile order. */
    public List<String> languages() {
        return languages;
    }
}
