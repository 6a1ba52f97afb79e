package io.trace2train.verifiers.text.language;

import java.util.Locale;

/** English names of langdetect's codes, for hints. */
public final class LanguageNames {

    private LanguageNames() {
    }

    /** {@code "Hindi (hi)"}, {@code "Chinese, Taiwan (zh-tw)"}; the bare code where Java knows no name for it. */
    public static String describe(String code) {
        Locale locale = Locale.forLanguageTag(code);
        String name = locale.getDisplayLanguage(Locale.ENGLISH);
        if (name.isEmpty() || name.equalsIgnoreCase(code)) {
            return code;
        }
        String country = locale.getDisplayCountry(Locale.ENGLISH);
        return (country.isEmpty() ? name : name + ", " + country) + " (" + code + ")";
    }

    /** How a hint states what the detector found: {@code "the response reads as English (en)"}. */
    public static String readsAs(String detected) {
        return LanguageDetector.UNKNOWN.equals(detected)
                ? "no language is clear enough in the response"
                : "the response reads as " + describe(detected);
    }
}
