package io.trace2train.engine.store;

import java.nio.file.Path;

/** A second process for the lock tests: holds a run folder's lock, says so, and keeps it until its input closes. */
public final class LockHolder {

    private LockHolder() {
    }

    @SuppressWarnings("try") // the lock is held by the block, never read
    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our input
            }
        }
    }
}
