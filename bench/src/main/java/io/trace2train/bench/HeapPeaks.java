package io.trace2train.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The most heap a benchmark kept alive: the heap in use right after each garbage collection (what survives is what
 * the code holds; what is used before a collection depends only on how large the heap was allowed to grow), or,
 * where no collection ran, the heap in use at the end (an upper bound). Together with the maximum heap the JVM ran
 * under, it says whether the work fits a heap.
 */
final class HeapPeaks {

    private static final AtomicLong PEAK = new AtomicLong();

    static {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                            notification.getType())) {
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                                (CompositeData) notification.getUserData());
                        long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                                .mapToLong(MemoryUsage::getUsed).sum()
                                - nonHeap(info);
                        PEAK.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
        }
    }

    private HeapPeaks() {
    }

    /** The after-GC figures cover every pool the collector manages; keep the heap ones. */
    private static long nonHeap(GarbageCollectionNotificationInfo info) {
        long nonHeap = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != java.lang.management.MemoryType.HEAP) {
                MemoryUsage usage = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                nonHeap += usage == null ? 0 : usage.getUsed();
            }
        }
        return nonHeap;
    }

    static void reset() {
        System.gc();
        PEAK.set(0);
    }

    static long peak() {
        long peak = PEAK.get();
        return peak > 0 ? peak : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
