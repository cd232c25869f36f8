package io.cachet.benchmarks;

import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.verify.VerificationService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * What one hostile photo costs the verifier: a small PNG tiled with QR finder patterns (issue 20), verified once
 * per grid size through {@link VerificationService#verifyImage}. Prints, per grid, the file size, the CPU seconds of
 * the threads that verify (the caller and the service's {@code cachet-verify-*} workers) and of the whole process
 * (garbage collection and compilation included), the wall-clock seconds, the heap's peak, and the verdict with its
 * reasons.
 *
 * <p>Not a JMH benchmark: one run of the attack is the number that matters (minutes before the budget, the budget
 * after). Run it after a build of the module, e.g.
 *
 * <pre>
 * java -Xmx4g -cp "benchmarks/target/classes:benchmarks/target/lib/*" io.cachet.benchmarks.HostileImageCost 12 20
 * </pre>
 */
public final class HostileImageCost {
    private HostileImageCost() {}

    public static void main(String[] args) {
        VerificationService verification =
                new VerificationService(TrustStore.of(List.of(), List.of()), Clock.systemUTC());
        var process = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (String arg : args.length == 0 ? new String[] {"12", "20"} : args) {
            int grid = Integer.parseInt(arg);
            byte[] png = finderPatternGrid(grid, 4);
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long threadsCpu = verifyingThreadsCpuNanos();
            long processCpu = process.getProcessCpuTime();
            long wall = System.nanoTime();
            VerificationReport report = verification.verifyImage(png);
            double cpuSeconds = (verifyingThreadsCpuNanos() - threadsCpu) / 1e9;
            double processSeconds = (process.getProcessCpuTime() - processCpu) / 1e9;
            double wallSeconds = (System.nanoTime() - wall) / 1e9;
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed())
                    .sum();
            System.out.printf(
                    "%dx%d grid, %d-byte PNG: %.2f s CPU verifying (%.2f s process), %.2f s wall, heap peak %d MB:"
                            + " %s %s%n",
                    grid,
                    grid,
                    png.length,
                    cpuSeconds,
                    processSeconds,
                    wallSeconds,
                    peakHeap / (1024 * 1024),
                    report.verdict(),
                    report.reasons());
        }
    }

    /** CPU time of this thread and of the verification workers (which stay alive between runs). */
    private static long verifyingThreadsCpuNanos() {
        var threads = ManagementFactory.getThreadMXBean();
        long total = threads.getCurrentThreadCpuTime();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("cachet-verify-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /**
     * A {@code grid}×{@code grid} tiling of QR finder patterns (ISO/IEC 18004 §6.3.3: 7×7 modules, dark 1:1:3:1:1
     * across the centre) with a one-module light separator, {@code pixelsPerModule} pixels per module.
     */
    static byte[] finderPatternGrid(int grid, int pixelsPerModule) {
        int pitch = 8 * pixelsPerModule;
        int size = grid * pitch + pixelsPerModule;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, isDark(x, y, pitch, pixelsPerModule) ? 0x000000 : 0xFFFFFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static boolean isDark(int x, int y, int pitch, int pixelsPerModule) {
        int moduleX = (x % pitch) / pixelsPerModule - 1;
        int moduleY = (y % pitch) / pixelsPerModule - 1;
        if (moduleX < 0 || moduleY < 0 || moduleX > 6 || moduleY > 6) {
            return false;
        }
        int ring = Math.min(Math.min(moduleX, moduleY), Math.min(6 - moduleX, 6 - moduleY));
        return ring != 1;
    }
}
