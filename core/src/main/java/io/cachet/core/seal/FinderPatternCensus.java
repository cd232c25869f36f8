package io.cachet.core.seal;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.detector.FinderPatternFinder;
import io.cachet.core.budget.Deadline;

/**
 * Counts the candidate finder patterns (ISO/IEC 18004 §6.3.3: dark-light-dark-light-dark runs in the ratio
 * 1:1:3:1:1) that ZXing's QR detector would consider in a binarized image, and the pixels its cross-checks would
 * read to confirm them; stops counting past either cap.
 *
 * <p>Why: after collecting its candidates, ZXing examines every triple of them (the multi-code reader decodes every
 * triple that forms a right isosceles triangle; the single-code reader scores every triple), so its cost grows with
 * the cube of their number and, for the multi reader, so does its memory. A genuine photo of a certificate holds a
 * handful (three per QR code, a few false ones in text or data modules); a small PNG tiled with finder patterns
 * holds hundreds and kept a request computing for minutes (issue 20). And each row that crosses a 1:1:3:1:1 run
 * makes the detector walk up and down the run's centre column for as long as it stays dark: a 16 KB PNG of
 * vertical stripes 6000 pixels high has hundreds of such runs in every row, each walked to the image's edge, and
 * cost about two minutes without holding a single candidate.
 *
 * <p>Candidates are confirmed and merged by ZXing's own cross-checks ({@code handlePossibleCenter}: vertical, then
 * horizontal, merging centres of about the same place and module size), so the count is the one the detector would
 * reach. Before a candidate is offered to them, the census walks its centre column itself, counting the pixels
 * read; a centre run longer than ZXing accepts (its vertical total must be within 40 % of the horizontal one) is
 * dropped without asking ZXing, which would walk it again. Every second row is scanned (the detector scans every
 * second or third), so the census reads at least the pixels the detector would.
 *
 * <p>Not thread-safe: one census per image, on one thread.
 */
final class FinderPatternCensus extends FinderPatternFinder {
    /** What the census found. */
    enum Count {
        /** At most the caps: the detector may run. */
        FEW,
        /** More candidates than the cap: the detector would take a time cubic in their number. */
        TOO_MANY,
        /** More pixels to read in cross-checks than the cap: the detector would take that long. */
        TOO_COSTLY,
        /** The deadline passed (or the thread was interrupted) before the count was done. */
        OUT_OF_TIME
    }

    private static final int ROW_STEP = 2;

    private final int maxCandidates;
    private final long maxReads;
    private long reads;
    private Count verdict = Count.FEW;

    private FinderPatternCensus(BitMatrix image, int maxCandidates, long maxReads) {
        super(image);
        this.maxCandidates = maxCandidates;
        this.maxReads = maxReads;
    }

    /**
     * Counts the candidates in {@code image} and the pixels their cross-checks read, stopping as soon as there are
     * more than {@code maxCandidates} or more than {@code maxReads}.
     */
    static Count count(BitMatrix image, int maxCandidates, long maxReads, Deadline deadline) {
        return new FinderPatternCensus(image, maxCandidates, maxReads).count(deadline);
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
                    if (dark && !offer(runs, filled, y, x)) {
                        return verdict;
                    }
                    System.arraycopy(runs, 1, runs, 0, 4);
                    runs[4] = 1;
                    filled = Math.min(5, filled + 1);
                    dark = pixel;
                }
            }
            if (dark && !offer(runs, filled, y, width)) {
                return verdict;
            }
        }
        return Count.FEW;
    }

    /**
     * Offers the five runs ending just before {@code end} (dark, light, dark, light, dark) to ZXing's cross-checks
     * when their ratio is about 1:1:3:1:1; false once a cap is passed ({@link #verdict} says which).
     */
    private boolean offer(int[] runs, int filled, int row, int end) {
        if (filled < 5 || !foundPatternCross(runs)) {
            return true;
        }
        int total = runs[0] + runs[1] + runs[2] + runs[3] + runs[4];
        // The column through the middle of the centre run, as ZXing computes it (centerFromEnd).
        int column = (int) ((end - runs[4] - runs[3]) - runs[2] / 2.0f);
        int centre = darkRunThrough(column, row);
        if (reads > maxReads) {
            verdict = Count.TOO_COSTLY;
            return false;
        }
        if (5L * centre >= 7L * total) {
            return true; // ZXing's vertical cross-check refuses a centre this tall; it need not walk it again
        }
        handlePossibleCenter(runs.clone(), row, end);
        if (getPossibleCenters().size() > maxCandidates) {
            verdict = Count.TOO_MANY;
            return false;
        }
        return true;
    }

    /** The length of the dark run through ({@code column}, {@code row}) up and down, counting the pixels read. */
    private int darkRunThrough(int column, int row) {
        BitMatrix image = getImage();
        int up = row;
        while (up >= 0 && image.get(column, up)) {
            up--;
        }
        int down = row + 1;
        while (down < image.getHeight() && image.get(column, down)) {
            down++;
        }
        int length = down - up - 1;
        reads += length + 2L;
        return length;
    }
}
