package io.trace2train.verifiers.text;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads a shared resource (language profiles, a tokenizer model) on a daemon thread, at most once per name, so that
 * its loading overlaps the caller's other start-up work. The resource's own lazy holder stays the one source of
 * truth: a user that gets there first simply waits for (or does) the load itself.
 */
public final class Preload {

    private static final Set<String> STARTED = ConcurrentHashMap.newKeySet();

    private Preload() {
    }

    public static void inBackground(String name, Runnable load) {
        if (STARTED.add(name)) {
            Thread.ofPlatform().daemon().name("preload-" + name).start(load);
        }
    }
}
