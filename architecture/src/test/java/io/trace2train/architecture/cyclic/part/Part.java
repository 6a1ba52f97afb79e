package io.trace2train.architecture.cyclic.part;

import io.trace2train.architecture.cyclic.Facade;
import java.util.Objects;

/** Fixture: depends on the root package that depends on it. */
public record Part(Facade owner) {

    public Part {
        Objects.requireNonNull(owner, "owner");
    }
}
