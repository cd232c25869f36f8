package io.cachet.core.seal;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.detector.FinderPatternFinder;
import io.cachet.core.budget.Deadline;

/**
 * Counts the candidate finder patterns (ISO/IEC 18004 §6.3.3: dark-light-dark-light-dark runs in the ratio
 * 1:1:3:1:1) that ZXing's QR detector would consider in a binarized image, and stops counting past a cap.
 *
 * <p>Why: after collecting its candidates, ZXing examines every triple of them (the multi-code reader decodes every
 * triple that forms a right isosceles triangle; the single-code reader scores every triple), so its cost grows with
 * the cube of their number and, for the multi reader, so does its memory. A genuine photo of a certificate holds a
 * handful (three per QR code, a few false ones in text or data modules); a small PNG tiled with finder patterns
 * holds hundreds and kept a request computing for minutes (issue 20). Counting is linear in the image's pixels and
 * each candidate costs one comparison with the candidates already found, so it is cheap and bounded; the detector
 * runs only on images under the cap.
 *
 * <p>Candidates are confirmed and merged by ZXing's own cross-checks ({@code handlePossibleCenter}: vertical, then
 * horizontal, merging centres of about the same place and module size), so the count is the one the detector would
 * reach. Every second row is scanned: a finder pattern's centre is at least three pixels tall, and the detector
 * itself scans every second or third row.
 *
 * <p>Not thread-safe: one census per image, on one thread.
 */
final class FinderPatternCensus extends FinderPatternFinder {
    /** What the census found. */
    enum Count {
        /** At most the cap: the detector may run. */
        FEW,
        /** More than the cap: the detector would take a time cubic in the count. */
        TOO_MANY,
        /** The deadline passed (or the thread was interrupted) before the count was done. */
        OUT_OF_TIME
    }

    private static final int ROW_STEP = 2;

    private final int cap;

    private FinderPatternCensus(BitMatrix image, int cap) {
        super(image);
        this.cap = cap;
    }

    /** Counts the candidates in {@code image}, stopping as soon as there are more than {@code cap}. */
    static Count count(BitMatrix image, int cap, Deadline deadline) {
        return new FinderPatternCensus(image, cap).count(deadline);
    }

    private Count count(Deadline deadline) {
        BitMatrix image = getImage();
        int width = image.getWidth();
        // The lengths of the row's last five runs, oldest first; runs[4] is the current one.
        int[] runs = new int[5];
        for (int y = ROW_STEP - 1; y < image.getHeight(); y += ROW_STEP) {
            if (deadline.expired()) {
                return Count.OUT_OF_TIME;
            }
            int filled = 0; // runs seen in this row since its first dark pixel, up to 5
            boolean dark = false;
            for (int x = 0; x < width; x++) {
                boolean pixel = image.get(x, y);
                if (filled > 0 && pixel == dark) {
                    runs[4]++;
                } else if (filled > 0 || pixel) {
                    // A run ends at x: if it was dark, it may close a pattern.
                    if (dark && tooMany(runs, filled, y, x)) {
                        return Count.TOO_MANY;
                    }
                    System.arraycopy(runs, 1, runs, 0, 4);
                    runs[4] = 1;
                    filled = Math.min(5, filled + 1);
                    dark = pixel;
                }
            }
            if (dark && tooMany(runs, filled, y, width)) {
                return Count.TOO_MANY;
            }
        }
        return Count.FEW;
    }

    /**
     * Offers the five runs ending just before {@code end} (dark, light, dark, light, dark) to ZXing's cross-checks
     * when their ratio is about 1:1:3:1:1; true once more than {@code cap} distinct candidates were confirmed.
     */
    private boolean tooMany(int[] runs, int filled, int row, int end) {
        if (filled == 5 && foundPatternCross(runs)) {
            handlePossibleCenter(runs.clone(), row, end);
            return getPossibleCenters().size() > cap;
        }
        return false;
    }
}
