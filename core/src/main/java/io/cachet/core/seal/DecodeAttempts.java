package io.cachet.core.seal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import io.cachet.core.budget.Deadline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ZXing decoding passes of one search, each within the search's bounds: none starts once the deadline has
 * passed, and a pass that would run the finder-pattern detector runs only when the binarized image holds at most
 * {@link QrCodes#MAX_FINDER_CANDIDATES} candidate patterns whose cross-checks read at most
 * {@link QrCodes#MAX_FINDER_READS} pixels ({@link FinderPatternCensus}). Remembers why passes were
 * skipped, so that the search can say it gave up rather than found nothing.
 *
 * <p>Not thread-safe: one per search.
 */
final class DecodeAttempts {
    static final Map<DecodeHintType, Object> FINDER_HINTS = Map.of(
            DecodeHintType.TRY_HARDER, Boolean.TRUE,
            DecodeHintType.ALSO_INVERTED, Boolean.TRUE,
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
    private static final Map<DecodeHintType, Object> PURE_HINTS = Map.of(
            DecodeHintType.PURE_BARCODE, Boolean.TRUE, DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));

    private final Deadline deadline;
    private final int maxCandidates;
    private boolean outOfTime;
    private int crowdedPasses;

    DecodeAttempts(Deadline deadline, int maxCandidates) {
        this.deadline = deadline;
        this.maxCandidates = maxCandidates;
    }

    /** True once the deadline has passed (or the thread was interrupted): no further pass will run. */
    boolean outOfTime() {
        if (!outOfTime && deadline.expired()) {
            outOfTime = true;
        }
        return outOfTime;
    }

    /** Every QR code the multi-code reader finds in {@code bitmap}; empty when none, or when the pass is skipped. */
    List<String> all(BinaryBitmap bitmap) {
        List<String> texts = new ArrayList<>();
        if (!detectorMayRun(bitmap)) {
            return texts;
        }
        try {
            for (Result result : new QRCodeMultiReader().decodeMultiple(bitmap, FINDER_HINTS)) {
                texts.add(result.getText());
            }
        } catch (ReaderException | RuntimeException e) {
            // No code in this pass: the caller tries the next.
        }
        return texts;
    }

    /** The one code the single-code reader finds in {@code bitmap}, if any and if the pass runs. */
    Optional<String> one(BinaryBitmap bitmap) {
        return detectorMayRun(bitmap) ? decode(bitmap, FINDER_HINTS) : Optional.empty();
    }

    /**
     * The code read from {@code bitmap} as a pure barcode (alone, upright, with its quiet zone): ZXing reads its
     * corners, not finder patterns, so this pass needs no census.
     */
    Optional<String> pure(BinaryBitmap bitmap) {
        return outOfTime() ? Optional.empty() : decode(bitmap, PURE_HINTS);
    }

    /** Nothing read: {@link QrSearch.GaveUp} when a pass was skipped, else {@link QrSearch.NotFound}. */
    QrSearch nothingRead() {
        if (outOfTime()) {
            return new QrSearch.GaveUp(
                    QrSearch.Why.OUT_OF_TIME,
                    deadline.isBounded()
                            ? "the search for a QR code stopped at the end of its " + seconds(deadline) + " budget"
                            : "the search for a QR code was cancelled");
        }
        if (crowdedPasses > 0) {
            return new QrSearch.GaveUp(
                    QrSearch.Why.TOO_MANY_FINDER_PATTERNS,
                    "the image holds more shapes that look like the corner squares of a QR code than a photo of a"
                            + " certificate can (more than " + maxCandidates + " of them, or more than "
                            + QrCodes.MAX_FINDER_READS / 1_000_000 + " million pixels to read to check them; a code"
                            + " has 3): it was not searched further");
        }
        return new QrSearch.NotFound();
    }

    private boolean detectorMayRun(BinaryBitmap bitmap) {
        if (outOfTime()) {
            return false;
        }
        BitMatrix bits;
        try {
            bits = bitmap.getBlackMatrix(); // computed once and kept by the bitmap for the pass that follows
        } catch (NotFoundException e) {
            return false;
        }
        return switch (FinderPatternCensus.count(bits, maxCandidates, QrCodes.MAX_FINDER_READS, deadline)) {
            case FEW -> true;
            case TOO_MANY, TOO_COSTLY -> {
                crowdedPasses++;
                yield false;
            }
            case OUT_OF_TIME -> {
                outOfTime = true;
                yield false;
            }
        };
    }

    private static Optional<String> decode(BinaryBitmap bitmap, Map<DecodeHintType, Object> hints) {
        try {
            return Optional.of(new QRCodeReader().decode(bitmap, hints).getText());
        } catch (ReaderException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String seconds(Deadline deadline) {
        long millis = deadline.budget().toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
