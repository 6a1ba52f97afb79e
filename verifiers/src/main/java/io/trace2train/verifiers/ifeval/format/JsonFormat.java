package io.trace2train.verifiers.ifeval.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.IfevalVerifier;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.text.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * {@code detectable_format:json_format}: the response, stripped, without a leading {@code ```json} ({@code Json},
 * {@code JSON}) or {@code ```} fence and a trailing {@code ```}, stripped again, is accepted by Python's
 * {@code json.loads}.
 *
 * <p>Jackson's streaming parser is set up to accept what {@code json.loads} accepts: any value at the root,
 * {@code NaN}, {@code Infinity} and {@code -Infinity} (Jackson's extra spellings such as {@code +Infinity} and
 * {@code -INF} are rejected by hand), duplicate keys (a token stream never checks them), and only JSON whitespace
 * between tokens. Raw control characters in strings and anything after the root value are rejected. Integers
 * longer than Python's 4300-digit conversion limit are rejected as {@code json.loads} does.
 */
final class JsonFormat extends IfevalVerifier {

    static final String ID = "detectable_format:json_format";

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "The entire output is JSON; markdown fences such as ```json are allowed.", List.of(),
            args -> new JsonFormat());

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // number length is limited below as Python does (integers only); nesting keeps Jackson's default 1000,
            // near the depth where Python's decoder gives up with a RecursionError
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE).build())
            .build();
    private static final Set<String> PYTHON_NON_NUMBERS = Set.of("NaN", "Infinity", "-Infinity");
    /** {@code sys.int_info.default_max_str_digits}. */
    private static final int PYTHON_MAX_INT_DIGITS = 4300;
    private static final String REQUIRED = "one JSON value and nothing else (``` fences allowed)";

    private JsonFormat() {
        super(ID);
    }

    @Override
    protected Verdict judge(String response) {
        Span json = Span.of(response).strip(response)
                .removePrefix(response, "```json")
                .removePrefix(response, "```Json")
                .removePrefix(response, "```JSON")
                .removePrefix(response, "```")
                .removeSuffix(response, "```")
                .strip(response);
        try (JsonParser parser = JSON.createParser(json.in(response))) {
            return parse(parser, json);
        } catch (JsonProcessingException e) {
            return invalid(describe(e), evidence(response, json, e));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String cannot fail otherwise
        }
    }

    private Verdict parse(JsonParser parser, Span json) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return invalid("no JSON value", List.of());
        }
        for (int depth = token.isStructStart() ? 1 : 0; ; ) {
            String problem = pythonNumberProblem(parser);
            if (problem != null) {
                return invalid(problem, List.of(currentToken(parser, json).evidence("not accepted by json.loads")));
            }
            if (depth == 0) {
                break;
            }
            token = parser.nextToken();
            if (token == null) {
                return invalid("unexpected end of input inside the JSON value", List.of());
            }
            depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
        }
        // Jackson reads a sequence of root values; json.loads takes exactly one
        if (parser.nextToken() != null) {
            Span extra = new Span(currentToken(parser, json).start(), json.end());
            return invalid("extra data after the JSON value", List.of(extra.evidence("extra data")));
        }
        return pass("valid JSON", REQUIRED);
    }

    /** What {@code json.loads} would reject in a number token that Jackson accepts; null if nothing. */
    private static String pythonNumberProblem(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_FLOAT && parser.isNaN() && !PYTHON_NON_NUMBERS.contains(parser.getText())) {
            return "'" + parser.getText() + "' is not a JSON value (only NaN, Infinity and -Infinity are accepted)";
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            int digits = parser.getTextLength() - (parser.getText().startsWith("-") ? 1 : 0);
            if (digits > PYTHON_MAX_INT_DIGITS) {
                return "an integer of " + digits + " digits exceeds Python's limit of " + PYTHON_MAX_INT_DIGITS;
            }
        }
        return null;
    }

    /** The current token as a range of the response. */
    private static Span currentToken(JsonParser parser, Span json) throws IOException {
        int start = json.start() + (int) parser.currentTokenLocation().getCharOffset();
        return new Span(start, Math.min(start + parser.getTextLength(), json.end()));
    }

    private Verdict invalid(String problem, List<Evidence> evidence) {
        return fail("not valid JSON: " + problem, REQUIRED,
                "Output a single valid JSON value and nothing else (it may be wrapped in ```json fences): "
                        + problem + ".", evidence);
    }

    /** Jackson's message without its parser internals (feature names, spellings Python does not accept). */
    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int expecting = message.indexOf(": was expecting (JSON String");
        if (expecting >= 0) {
            return message.substring(0, expecting) + ": expected a JSON value";
        }
        for (String internal : List.of(" (start marker at", " (not recognized as one")) {
            int at = message.indexOf(internal);
            if (at >= 0) {
                message = message.substring(0, at);
            }
        }
        return message;
    }

    /**
     * Where parsing failed, as a range of the response: the char at the error, or for an unrecognized bare word
     * ({@code True}, {@code Here}), which Jackson reports after its end, the word. Nothing past the end of the input.
     */
    private static List<Evidence> evidence(String response, Span json, JsonProcessingException e) {
        long offset = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
        if (offset < 0 || offset >= json.length()) {
            return List.of();
        }
        int at = json.start() + (int) offset;
        if (!e.getOriginalMessage().startsWith("Unrecognized token")) {
            return List.of(new Evidence(at, at + 1, "JSON error here"));
        }
        int start = at;
        while (start > json.start() && !PythonText.isSpace(response.charAt(start - 1))
                && "{}[],:\"".indexOf(response.charAt(start - 1)) < 0) {
            start--;
        }
        return start == at ? List.of() : List.of(new Evidence(start, at, "not a JSON value"));
    }
}
