package io.trace2train.bench.ifeval;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The benchmarks' own JSON files ({@code bench.json}, {@code timing.json}, results) and generated records: read
 * strictly (a duplicate key or anything after the value is an error), written as the API types' annotations say.
 */
public final class BenchJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private BenchJson() {
    }
}
