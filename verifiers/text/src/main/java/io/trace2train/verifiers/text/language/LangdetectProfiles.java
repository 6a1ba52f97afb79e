package io.trace2train.verifiers.text.language;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The 55 language profiles of the reference, Python langdetect 1.0.9, as JSON texts. Most come from the langdetect
 * jar; the ones it lacks or has in an older version come from this project's resources (see README.md there).
 */
final class LangdetectProfiles {

    /** The reference's languages. Loading in a fixed order keeps probability ties, if any, broken the same way. */
    static final List<String> LANGUAGES = List.of(
            "af", "ar", "bg", "bn", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "gu", "he",
            "hi", "hr", "hu", "id", "it", "ja", "kn", "ko", "lt", "lv", "mk", "ml", "mr", "ne", "nl", "no", "pa", "pl",
            "pt", "ro", "ru", "sk", "sl", "so", "sq", "sv", "sw", "ta", "te", "th", "tl", "tr", "uk", "ur", "vi",
            "zh-cn", "zh-tw");

    /** ca and cy are missing from the jar; its ko is the 2011 profile that the reference replaced. */
    private static final Set<String> OVERRIDES = Set.of("ca", "cy", "ko");
    private static final String JAR_FOLDER = "profiles/";
    private static final String OWN_FOLDER = "io/trace2train/verifiers/langdetect/";

    private LangdetectProfiles() {
    }

    /** The JSON text of every profile, in {@link #LANGUAGES} order. */
    static List<String> load() {
        return LANGUAGES.stream()
                .map(code -> read((OVERRIDES.contains(code) ? OWN_FOLDER : JAR_FOLDER) + code))
                .toList();
    }

    private static String read(String resource) {
        try (InputStream in = LangdetectProfiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("language profile not on the class path: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read language profile " + resource, e);
        }
    }
}
