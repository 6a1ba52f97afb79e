package io.trace2train.engine.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * How every file the engine reads is parsed: a duplicate key, or anything after the first value on a line, is an
 * error (never a silently dropped value), and no string may exceed {@link #MAX_STRING_CHARS}, the one limit writers
 * check too, so nothing is written that cannot be read back.
 */
public final class StrictJson {

    /** The longest string value read or written, in characters (Jackson's own default, stated once here). */
    public static final int MAX_STRING_CHARS = 20_000_000;

    private StrictJson() {
    }

    /** What is wrong with a line, in the user's terms where Jackson's are about its own API. */
    public static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Trailing token")) {
            return "more after the first JSON value (one object per line)";
        }
        if (message != null && message.startsWith("Duplicate field ")) {
            return "duplicate key " + message.substring("Duplicate field ".length());
        }
        return message;
    }

    /** A mapper builder with the strict reading rules; callers add their own features. */
    public static JsonMapper.Builder builder() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).build())
                .build();
        return JsonMapper.builder(factory)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
