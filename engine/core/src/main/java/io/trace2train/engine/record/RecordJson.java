package io.trace2train.engine.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.engine.io.StrictJson;
import java.io.UncheckedIOException;

/** The one JSON form of {@link ComplianceRecord}: a single line when written, strict when read. */
public final class RecordJson {

    private static final ObjectMapper MAPPER = StrictJson.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RecordJson() {
    }

    public static String write(ComplianceRecord record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write record " + record.recordId(), e);
        }
    }

    /** @throws JsonProcessingException when the line is not a valid record */
    public static ComplianceRecord read(String line) throws JsonProcessingException {
        return MAPPER.readValue(line, ComplianceRecord.class);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
