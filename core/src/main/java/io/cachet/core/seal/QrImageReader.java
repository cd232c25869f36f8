package io.cachet.core.seal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a seal's QR code in a photo or scan: rotated, skewed, small, low in contrast, inverted, beside text and
 * beside other codes. Every QR code in the picture is decoded; a code that starts with one of the expected
 * prefixes wins over others (a page may also carry, say, a QR code with a web address).
 *
 * <p>Attempts, cheapest first, stopping at the first seal found: the image as it is (hybrid then global
 * binarizer); a contrast-stretched copy; a scaled copy (up for small codes, down for large photos whose noise
 * misleads the detector).
 */
public final class QrImageReader {
    private static final Map<DecodeHintType, Object> HINTS = Map.of(
            DecodeHintType.TRY_HARDER, Boolean.TRUE,
            DecodeHintType.ALSO_INVERTED, Boolean.TRUE,
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));

    private final List<String> prefixes;

    /** @param prefixes the prefixes of the codes wanted, e.g. {@code CT1:} */
    public QrImageReader(List<String> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    public Optional<String> read(BufferedImage image) {
        BufferedImage gray = grayscale(image);
        List<String> others = new ArrayList<>();
        for (BufferedImage candidate : candidates(gray)) {
            for (String text : decodeAll(candidate)) {
                if (isWanted(text)) {
                    return Optional.of(text);
                }
                others.add(text);
            }
        }
        // Clean, upright codes alone in their image are read most reliably as a pure barcode.
        Optional<String> pure = QrCodes.read(gray);
        if (pure.isPresent() && isWanted(pure.get())) {
            return pure;
        }
        return others.isEmpty() ? pure : Optional.of(others.get(0));
    }

    private boolean isWanted(String text) {
        return prefixes.stream().anyMatch(text::startsWith);
    }

    private static List<BufferedImage> candidates(BufferedImage gray) {
        List<BufferedImage> candidates = new ArrayList<>(4);
        candidates.add(gray);
        candidates.add(stretchContrast(gray));
        int longest = Math.max(gray.getWidth(), gray.getHeight());
        if (longest < 1200) {
            candidates.add(scale(gray, 2.0));
        }
        if (longest > 1600) {
            candidates.add(scale(gray, 1400.0 / longest));
        }
        // White modules on black (screens in dark mode, negative copies): ZXing's multi reader does not invert.
        candidates.add(invert(gray));
        return candidates;
    }

    private static List<String> decodeAll(BufferedImage image) {
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        List<String> texts = new ArrayList<>();
        for (BinaryBitmap bitmap : List.of(
                new BinaryBitmap(new HybridBinarizer(source)),
                new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
            try {
                for (Result result : new QRCodeMultiReader().decodeMultiple(bitmap, HINTS)) {
                    texts.add(result.getText());
                }
            } catch (ReaderException | RuntimeException e) {
                // Nothing found with this binarizer: try the next.
            }
            if (!texts.isEmpty()) {
                return texts;
            }
        }
        return texts;
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
