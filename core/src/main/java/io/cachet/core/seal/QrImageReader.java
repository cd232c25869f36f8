package io.cachet.core.seal;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import io.cachet.core.budget.Deadline;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Finds a seal's QR code in a photo or scan: rotated, skewed, small, low in contrast, inverted, beside text and
 * beside other codes. Every QR code in the picture is decoded; a code that starts with one of the expected
 * prefixes wins over others (a page may also carry, say, a QR code with a web address).
 *
 * <p>Attempts, cheapest first, stopping at the first seal found: the image as it is (hybrid then global
 * binarizer); a contrast-stretched copy; a scaled copy (up for small codes, down for large photos whose noise
 * misleads the detector); an inverted copy; then the single-code and pure-barcode readers on the image as it is.
 * That is at most 4 copies and 11 decoding passes.
 *
 * <p>Bounded for hostile pictures: the deadline is checked before each copy and each pass (and between rows while
 * counting finder patterns), and a pass runs ZXing's finder-pattern detector only on a binarized image with at most
 * {@link QrCodes#MAX_FINDER_CANDIDATES} candidate patterns, so no pass grows with the cube of their number.
 */
public final class QrImageReader {
    private final List<String> prefixes;

    /** @param prefixes the prefixes of the codes wanted, e.g. {@code CT1:} */
    public QrImageReader(List<String> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    /**
     * The wanted code in the image, else any other QR code in it, else empty: {@link #search(BufferedImage,
     * Deadline)} without a time limit (it still stops if the thread is interrupted).
     */
    public Optional<String> read(BufferedImage image) {
        return search(image, Deadline.none()) instanceof QrSearch.Found found
                ? Optional.of(found.text())
                : Optional.empty();
    }

    /**
     * Searches the image until {@code deadline}: {@link QrSearch.Found} with the wanted code, else with any other QR
     * code read; {@link QrSearch.GaveUp} when the deadline passed or passes were refused for too many finder-pattern
     * look-alikes and nothing was read; else {@link QrSearch.NotFound}.
     */
    public QrSearch search(BufferedImage image, Deadline deadline) {
        DecodeAttempts attempts = new DecodeAttempts(deadline, QrCodes.MAX_FINDER_CANDIDATES);
        if (attempts.outOfTime()) {
            return attempts.nothingRead();
        }
        BufferedImage gray = grayscale(image);
        List<String> others = new ArrayList<>();
        for (UnaryOperator<BufferedImage> variant : variants(gray)) {
            if (attempts.outOfTime()) {
                break;
            }
            for (String text : decodeAll(variant.apply(gray), attempts)) {
                if (isWanted(text)) {
                    return new QrSearch.Found(text);
                }
                others.add(text);
            }
        }
        // Clean, upright codes alone in their image are read most reliably as a pure barcode.
        QrSearch single = QrCodes.search(gray, attempts);
        if (single instanceof QrSearch.Found found && (isWanted(found.text()) || others.isEmpty())) {
            return found;
        }
        return others.isEmpty() ? single : new QrSearch.Found(others.get(0));
    }

    private boolean isWanted(String text) {
        return prefixes.stream().anyMatch(text::startsWith);
    }

    /** The copies of the image to search, each made only when reached (a copy of a large photo is not free). */
    private static List<UnaryOperator<BufferedImage>> variants(BufferedImage gray) {
        List<UnaryOperator<BufferedImage>> variants = new ArrayList<>(5);
        variants.add(UnaryOperator.identity());
        variants.add(QrImageReader::stretchContrast);
        int longest = Math.max(gray.getWidth(), gray.getHeight());
        if (longest < 1200) {
            variants.add(image -> scale(image, 2.0));
        }
        if (longest > 1600) {
            variants.add(image -> scale(image, 1400.0 / longest));
        }
        // White modules on black (screens in dark mode, negative copies): ZXing's multi reader does not invert.
        variants.add(QrImageReader::invert);
        return variants;
    }

    private static List<String> decodeAll(BufferedImage image, DecodeAttempts attempts) {
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        for (BinaryBitmap bitmap : List.of(
                new BinaryBitmap(new HybridBinarizer(source)),
                new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
            List<String> texts = attempts.all(bitmap);
            if (!texts.isEmpty()) {
                return texts;
            }
        }
        return List.of();
    }

    static BufferedImage grayscale(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = gray.createGraphics();
        g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
        g.dispose();
        return gray;
    }

    /** Maps the 1st–99th percentile of grey levels onto 0–255: faint photocopies and faxes become legible. */
    static BufferedImage stretchContrast(BufferedImage gray) {
        int[] histogram = new int[256];
        var raster = gray.getRaster();
        int width = gray.getWidth();
        int height = gray.getHeight();
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            for (int value : row) {
                histogram[value]++;
            }
        }
        long total = (long) width * height;
        int low = percentile(histogram, total / 100);
        int high = percentile(histogram, total - total / 100);
        if (high - low < 2) {
            return gray;
        }
        BufferedImage stretched = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        var out = stretched.getRaster();
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                row[x] = Math.max(0, Math.min(255, (row[x] - low) * 255 / (high - low)));
            }
            out.setSamples(0, y, width, 1, 0, row);
        }
        return stretched;
    }

    private static int percentile(int[] histogram, long rank) {
        long seen = 0;
        for (int level = 0; level < 256; level++) {
            seen += histogram[level];
            if (seen > rank) {
                return level;
            }
        }
        return 255;
    }

    static BufferedImage invert(BufferedImage gray) {
        BufferedImage inverted = new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        var in = gray.getRaster();
        var out = inverted.getRaster();
        int[] row = new int[gray.getWidth()];
        for (int y = 0; y < gray.getHeight(); y++) {
            in.getSamples(0, y, row.length, 1, 0, row);
            for (int x = 0; x < row.length; x++) {
                row[x] = 255 - row[x];
            }
            out.setSamples(0, y, row.length, 1, 0, row);
        }
        return inverted;
    }

    static BufferedImage scale(BufferedImage gray, double factor) {
        int width = Math.max(1, (int) Math.round(gray.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(gray.getHeight() * factor));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(
                RenderingHints.KEY_INTERPOLATION,
                factor > 1 ? RenderingHints.VALUE_INTERPOLATION_BICUBIC : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(gray, 0, 0, width, height, null);
        g.dispose();
        return scaled;
    }
}
