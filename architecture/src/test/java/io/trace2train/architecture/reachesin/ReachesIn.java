package io.trace2train.architecture.reachesin;

import io.trace2train.engine.Engine;
import io.trace2train.engine.io.Digests;

/** Fixture: a front door that uses the engine's API and also reaches past it for a digest helper. */
public final class ReachesIn {

    private ReachesIn() {
    }

    static String digest(Engine engine) {
        return Digests.sha256(new byte[engine.plugins().size()]);
    }
}
