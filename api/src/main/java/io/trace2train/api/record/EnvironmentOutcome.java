package io.trace2train.api.record;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an episode left in its environment.
 *
 * @param name the environment, e.g. {@code "tau-airline"}
 * @param version its version
 * @param finalStateDigest the digest of the state the agent's calls left (replayed from the initial state)
 * @param resultsCompared tool results of the log compared with the ones the environment returns on replay (0 for a
 *     live episode, whose results are the environment's own)
 * @param resultsDiffering how many of those differ: the log's world was not the environment's (an older database, a
 *     changed tool); each is named in the record's notes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvironmentOutcome(
        String name,
        String version,
        @JsonProperty("final_state_digest") String finalStateDigest,
        @JsonProperty("results_compared") int resultsCompared,
        @JsonProperty("results_differing") int resultsDiffering) {

    public EnvironmentOutcome {
        requireNonNull(name, "name");
        requireNonNull(version, "version");
        requireNonNull(finalStateDigest, "finalStateDigest");
        if (resultsCompared < 0 || resultsDiffering < 0 || resultsDiffering > resultsCompared) {
            throw new IllegalArgumentException("results compared " + resultsCompared + ", differing "
                    + resultsDiffering);
        }
    }
}
