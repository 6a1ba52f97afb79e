package io.trace2train.api.text;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secret-looking values wherever text is written or printed (manifests, records, benchmark files, messages):
 * credentials in a URL (user-info, a secret-named query parameter), secret-named {@code name=value} and JSON fields,
 * bearer tokens, keys with a known prefix ({@code sk-}, {@code hf_}, {@code ghp_}, JWTs...) and long random tokens.
 * It masks values, not names: {@code api-key-env=OPENAI_API_KEY} names a variable and stays readable.
 */
public final class Secrets {

    public static final String MASK = "***";

    private static final String SECRET_NAME = "(?:[a-z0-9]+[-_])?(?:api[-_]?key|key|token|secret|password|passwd"
            + "|pwd|auth|authorization|credentials?|signature|sig)";

    private static final Pattern[] PATTERNS = {
        // scheme://user:password@host
        Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://)[^/\\s@?#]+(?=@)"),
        // ?api_key=..., &token=..., password=... (not api-key-env=...: the name must end where '=' starts)
        Pattern.compile("(?i)((?<![a-z0-9_-])" + SECRET_NAME + "=)[^&\\s#\"',;]+"),
        // "api_key": "...", "authorization": "..."
        Pattern.compile("(?i)(\"" + SECRET_NAME + "\"\\s*:\\s*\")[^\"]+"),
        // Authorization: Bearer ..., Basic ...
        Pattern.compile("(?i)(\\b(?:bearer|basic)\\s+)[A-Za-z0-9._~+/=-]{6,}"),
        // keys with a known prefix: OpenAI/Anthropic sk-, Hugging Face, GitHub, Slack, AWS, Google, GitLab, JWTs
        Pattern.compile("()(?<![A-Za-z0-9])(?:(?:sk|pk|rk)-[A-Za-z0-9_-]{8,}|hf_[A-Za-z0-9]{16,}"
                + "|gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,}|xox[abprs]-[A-Za-z0-9-]{10,}"
                + "|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{30,}|glpat-[A-Za-z0-9_-]{16,}"
                + "|eyJ[A-Za-z0-9_-]{6,}\\.[A-Za-z0-9_-]{6,}\\.[A-Za-z0-9_-]*)"),
        // a long random token: 32+ letters and digits with upper case, lower case and digits (digests are lower hex)
        Pattern.compile("()(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]*[0-9])(?=[A-Za-z0-9_]*[a-z])(?=[A-Za-z0-9_]*[A-Z])"
                + "[A-Za-z0-9_]{32,}(?![A-Za-z0-9_])"),
    };

    /** Option names that hold a secret themselves; a name ending in -env, -file or -path only says where one is. */
    private static final Pattern SECRET_OPTION = Pattern.compile("(?i).*(key|token|secret|password|passwd"
            + "|credential).*");
    private static final Pattern POINTER_OPTION = Pattern.compile("(?i).*[-_](env|var|variable|file|path|dir)");

    /**
     * Short texts already masked: a million records read back for an export name the same model and revision, and
     * their errors repeat, so each distinct text is scanned once. Bounded: at most this many texts of this length.
     */
    private static final int CACHED_TEXTS = 1024;
    private static final int CACHED_LENGTH = 256;
    private static final Map<String, String> RECENT = new java.util.concurrent.ConcurrentHashMap<>();

    private Secrets() {
    }

    /** The text with every secret-looking value replaced by {@link #MASK}; null stays null. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String known = RECENT.get(text);
        if (known != null) {
            return known;
        }
        String masked = maskAll(text);
        if (text.length() <= CACHED_LENGTH && RECENT.size() < CACHED_TEXTS) {
            RECENT.put(text, masked);
        }
        return masked;
    }

    private static String maskAll(String text) {
        String masked = text;
        for (Pattern pattern : PATTERNS) {
            Matcher matcher = pattern.matcher(masked);
            if (matcher.find()) {
                masked = matcher.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
            }
        }
        return masked;
    }

    /** The text with the given secret (e.g. the API key in use) and every secret-looking value masked. */
    public static String mask(String text, String secret) {
        String masked = text;
        if (masked != null && secret != null && secret.length() >= 4) {
            masked = masked.replace(secret, MASK);
        }
        return mask(masked);
    }

    /** Whether the text holds something {@link #mask(String)} masks. */
    public static boolean holdsSecret(String text) {
        return text != null && !mask(text).equals(text);
    }

    /**
     * An option's value as written: wholly masked when its name says it is a secret ({@code api-key},
     * {@code token}), else with its secret-looking parts masked ({@code base-url}'s user-info).
     */
    public static String option(String name, String value) {
        if (value == null) {
            return null;
        }
        if (SECRET_OPTION.matcher(name).matches() && !POINTER_OPTION.matcher(name).matches()) {
            return MASK;
        }
        return mask(value);
    }

    /** Options as written (sorted by name), each value {@linkplain #option masked}. */
    public static Map<String, String> options(Map<String, String> options) {
        Map<String, String> masked = new TreeMap<>();
        options.forEach((name, value) -> masked.put(name, option(name, value)));
        return Collections.unmodifiableMap(masked);
    }

    /** Whether an option names a credential (which may change between a run and its resume: keys rotate). */
    public static boolean isCredentialOption(String name) {
        return SECRET_OPTION.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }
}
