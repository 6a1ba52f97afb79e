package io.trace2train.backends.jlama;

import com.github.tjake.jlama.tensor.operations.TensorOperationsProvider;
import com.github.tjake.jlama.util.PhysicalCoreExecutor;
import io.trace2train.api.param.InvalidArgumentsException;
import java.util.OptionalInt;

/**
 * Jlama's process-wide choices: its kernels (native SIMD from jlama-native where the library loads, else the Vector
 * API's) and its thread pool's size are each fixed by the first model a process loads. A later backend may repeat a
 * choice but not change it: it is refused with a clear error rather than silently ignored.
 */
final class JlamaRuntime {

    /** The name Jlama gives its native kernels (NativeSimdTensorOperations.name()). */
    static final String NATIVE = "Native SIMD Operations";
    /** The system property Jlama reads once, when it first picks its kernels. */
    private static final String FORCE_PANAMA = "jlama.force_panama_tensor_operations";

    private static Boolean nativeChosen;
    private static Integer threadsChosen;

    private JlamaRuntime() {
    }

    /**
     * Fixes the process's kernels and thread pool, once; the same choice again is allowed.
     *
     * @param useNative false: the Vector API kernels even where jlama-native loads
     * @param threads the thread pool's size, or empty for Jlama's default (half the processors, at least 2)
     */
    static synchronized void configure(boolean useNative, OptionalInt threads) {
        if (nativeChosen == null) {
            // read by Jlama when it first picks its kernels: set before any tensor operation runs
            System.setProperty(FORCE_PANAMA, String.valueOf(!useNative));
            nativeChosen = useNative;
            if (!useNative && kernels().equals(NATIVE)) {
                throw new IllegalStateException("Jlama picked its kernels before the backend chose them: every path"
                        + " into Jlama must call JlamaRuntime first");
            }
        } else if (nativeChosen != useNative) {
            throw new InvalidArgumentsException("backend " + JlamaBackendFactory.NAME, "native", "this process"
                    + " already runs Jlama with native=" + nativeChosen + " (one choice per process), got native="
                    + useNative);
        }
        if (threads.isPresent()) {
            int count = threads.getAsInt();
            if (threadsChosen == null) {
                try {
                    PhysicalCoreExecutor.overrideThreadCount(count);
                } catch (IllegalStateException e) {
                    if (threads() == count) {
                        threadsChosen = count;
                        return;
                    }
                    throw new InvalidArgumentsException("backend " + JlamaBackendFactory.NAME, "threads", "this"
                            + " process already runs Jlama on its default thread pool (one size per process), got "
                            + "threads=" + count);
                }
                threadsChosen = count;
            } else if (threadsChosen != count) {
                throw new InvalidArgumentsException("backend " + JlamaBackendFactory.NAME, "threads", "this process"
                        + " already runs Jlama on " + threadsChosen + " threads (one size per process), got threads="
                        + count);
            }
        }
    }

    /** Fixes the defaults (Vector API kernels, Jlama's thread pool) unless a choice was made: before any other use. */
    static synchronized void configureDefaults() {
        if (nativeChosen == null) {
            configure(false, OptionalInt.empty());
        }
    }

    /** The kernels Jlama runs in this process (picks them if none ran yet). */
    static String kernels() {
        return TensorOperationsProvider.get().name();
    }

    /** The thread pool's size (starts the pool if it was not yet). */
    static int threads() {
        return PhysicalCoreExecutor.instance.get().getCoreCount();
    }
}
