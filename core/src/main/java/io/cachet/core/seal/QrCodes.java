package io.cachet.core.seal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.cachet.core.budget.Deadline;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * QR codes for seals: error correction Q (HCERT recommends it for printed documents), a 4-module quiet zone
 * (ISO/IEC 18004 §6.3.8), alphanumeric mode (ZXing picks it because Base45 text uses only that alphabet).
 */
public final class QrCodes {
    public static final int QUIET_ZONE_MODULES = 4;
    private static final Map<EncodeHintType, Object> ENCODE_HINTS =
            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q, EncodeHintType.MARGIN, QUIET_ZONE_MODULES);

    /**
     * The most candidate finder patterns an image may hold for the finder-pattern detector to run on it (see
     * {@link FinderPatternCensus}): a seal's code has 3, a page or photo of a certificate a few more look-alikes in
     * its text and data modules; above this the detector's cost, cubic in the count, is refused.
     */
    public static final int MAX_FINDER_CANDIDATES = 40;

    /**
     * The most pixels the finder-pattern detector's cross-checks may read in one pass over an image (see
     * {@link FinderPatternCensus}): a photo of a certificate needs a few million at most; vertical stripes make
     * every row of an image walk every column to its edge.
     */
    public static final long MAX_FINDER_READS = 20_000_000L;

    private QrCodes() {}

    /** The QR version (1–40) that this text needs at level Q. */
    public static int version(String text) {
        // A version-V symbol is 17 + 4V modules wide (ISO/IEC 18004 §6.3.1), plus the quiet zone on each side.
        return (symbol(text).getWidth() - 2 * QUIET_ZONE_MODULES - 17) / 4;
    }

    /** The code's modules, quiet zone included, one matrix cell per module. */
    public static BitMatrix modules(String text) {
        return symbol(text).clone();
    }

    /**
     * The modules of {@code text}, shared by the calls made for one certificate on one thread (the seal's read-back
     * check, its version check and the page's image): choosing the mask (ISO/IEC 18004 §7.8.3, eight trial
     * encodings) is the dearest step of a seal's QR code, about 1.7 ms. Callers must not change the matrix.
     */
    private static BitMatrix symbol(String text) {
        Encoded last = LAST_ENCODED.get();
        if (last != null && last.text().equals(text)) {
            return last.modules();
        }
        BitMatrix modules;
        try {
            modules = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, ENCODE_HINTS);
        } catch (WriterException e) {
            throw new IllegalArgumentException("text too long for a QR code: " + e.getMessage(), e);
        }
        LAST_ENCODED.set(new Encoded(text, modules));
        return modules;
    }

    private record Encoded(String text, BitMatrix modules) {}

    private static final ThreadLocal<Encoded> LAST_ENCODED = new ThreadLocal<>();

    /**
     * A black-on-white PNG with exactly {@code pixelsPerModule} pixels per module, so edges stay crisp. It is an
     * indexed PNG (colour type 3, bit depth 1, palette black and white) that PDF writers can embed as it is: PDFBox
     * copies such a PNG's compressed rows into the PDF image (Indexed colour space over DeviceRGB) without
     * decoding and re-encoding its pixels, which it must do for a greyscale PNG.
     */
    public static byte[] png(String text, int pixelsPerModule) {
        BitMatrix matrix = symbol(text);
        int size = matrix.getWidth() * pixelsPerModule;
        int rowBytes = (size + 7) / 8;
        // Each row: filter type 0 (none), then the pixels, 1 bit each, most significant first (PNG §7.2).
        byte[] rows = new byte[size * (1 + rowBytes)];
        byte[] row = new byte[rowBytes];
        for (int moduleY = 0; moduleY < matrix.getHeight(); moduleY++) {
            Arrays.fill(row, (byte) 0);
            for (int x = 0; x < size; x++) {
                if (!matrix.get(x / pixelsPerModule, moduleY)) {
                    row[x >> 3] |= (byte) (0x80 >>> (x & 7)); // palette index 1: white
                }
            }
            for (int repeat = 0; repeat < pixelsPerModule; repeat++) {
                System.arraycopy(row, 0, rows, (moduleY * pixelsPerModule + repeat) * (1 + rowBytes) + 1, rowBytes);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(size).putInt(size);
        header.put((byte) 1).put((byte) 3).put((byte) 0).put((byte) 0).put((byte) 0); // depth, indexed, deflate, …
        chunk(out, "IHDR", header.array());
        chunk(out, "PLTE", new byte[] {0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        chunk(out, "IDAT", deflate(rows));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 16);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** A PNG chunk: length, type, data, CRC-32 of type and data (PNG §5.3). */
    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /**
     * The text of the QR code found in the image, if any: {@link #search(BufferedImage, Deadline)} without a time
     * limit (it still stops if the thread is interrupted, and still refuses images crowded with finder patterns).
     */
    public static Optional<String> read(BufferedImage image) {
        return search(image, Deadline.none()) instanceof QrSearch.Found found
                ? Optional.of(found.text())
                : Optional.empty();
    }

    /**
     * Searches the image for one QR code until {@code deadline}. Tries, in order: the hybrid binarizer (photos, uneven
     * light), the global-histogram binarizer (faxes, flat scans), then the pure-barcode reader (a clean, upright
     * code alone in its image, e.g. the image object inside a PDF), which succeeds where the finder-pattern
     * search is misled by data that look like finder patterns. The first two run only on images with at most
     * {@link #MAX_FINDER_CANDIDATES} candidate finder patterns.
     */
    public static QrSearch search(BufferedImage image, Deadline deadline) {
        return search(image, new DecodeAttempts(deadline, MAX_FINDER_CANDIDATES));
    }

    static QrSearch search(BufferedImage image, DecodeAttempts attempts) {
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        Optional<String> text = attempts.one(new BinaryBitmap(new HybridBinarizer(source)))
                .or(() -> attempts.one(new BinaryBitmap(new GlobalHistogramBinarizer(source))))
                .or(() -> attempts.pure(new BinaryBitmap(new HybridBinarizer(source))));
        return text.<QrSearch>map(QrSearch.Found::new).orElseGet(attempts::nothingRead);
    }

    /**
     * True when a standard detector (not told the code is alone and upright) reads this text back from a
     * rendering at {@code pixelsPerModule}: what a phone or a scanner will have to do.
     */
    public static boolean readableByStandardDetector(String text, int pixelsPerModule) {
        BitMatrix matrix = symbol(text);
        int size = matrix.getWidth() * pixelsPerModule;
        // The luminance plane the detector reads (0 black, 255 white), filled row by row rather than pixel by pixel
        // through an image's colour model: the same pixels as a rendered image, at a fraction of the cost.
        byte[] luminance = new byte[size * size];
        for (int y = 0; y < size; y++) {
            int moduleY = y / pixelsPerModule;
            for (int x = 0; x < size; x++) {
                luminance[y * size + x] = matrix.get(x / pixelsPerModule, moduleY) ? 0 : (byte) 0xFF;
            }
        }
        LuminanceSource source = new PlanarYUVLuminanceSource(luminance, size, size, 0, 0, size, size, false);
        try {
            return text.equals(new QRCodeReader()
                    .decode(new BinaryBitmap(new HybridBinarizer(source)), DecodeAttempts.FINDER_HINTS)
                    .getText());
        } catch (ReaderException | RuntimeException e) {
            return false;
        }
    }
}
