package io.trace2train.backends.jlama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.trace2train.api.text.PythonText;
import java.math.BigInteger;
import java.util.Map;

/**
 * Python's {@code json.loads} and {@code json.dumps(value, ensure_ascii=False)} over JSON-shaped Java values (maps
 * in their own order, lists, strings, numbers, booleans, null): what Hugging Face's {@code tojson} template filter
 * writes and how vLLM re-encodes tool-call arguments, so prompts and parsed calls match theirs byte for byte.
 */
final class PythonJson {

    /** Python's {@code json.loads}: one value, nothing after it but whitespace, NaN and Infinity allowed. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private PythonJson() {
    }

    /**
     * Python's {@code json.loads(text)} as JSON-shaped Java values (maps keep their key order).
     *
     * @throws JsonProcessingException where Python raises {@code JSONDecodeError}
     */
    static Object loads(String text) throws JsonProcessingException {
        return STRICT.readValue(text, Object.class);
    }

    static String dumps(Object value) {
        StringBuilder out = new StringBuilder(64);
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case Map<?, ?> map -> {
                out.append('{');
                String separator = "";
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.append(separator);
                    key(out, entry.getKey());
                    write(out.append(": "), entry.getValue());
                    separator = ", ";
                }
                out.append('}');
            }
            case Iterable<?> list -> {
                out.append('[');
                String separator = "";
                for (Object element : list) {
                    write(out.append(separator), element);
                    separator = ", ";
                }
                out.append(']');
            }
            case Object[] array -> write(out, java.util.Arrays.asList(array));
            case CharSequence text -> PythonText.jsonString(out, text.toString(), false);
            case Boolean bool -> out.append(bool.booleanValue());
            case BigInteger integer -> out.append(integer);
            case Number number when number instanceof Integer || number instanceof Long || number instanceof Short
                    || number instanceof Byte -> out.append(number.longValue());
            case Number number -> floating(out, number.doubleValue());
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    /** Python writes a float as its repr, except the non-finite values, which it writes as JavaScript names them. */
    private static void floating(StringBuilder out, double d) {
        out.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
                : PythonText.floatRepr(d));
    }

    /** Python converts int, float, bool and None keys to strings; JSON-shaped maps have string keys already. */
    private static void key(StringBuilder out, Object key) {
        PythonText.jsonString(out, String.valueOf(key), false);
    }
}
