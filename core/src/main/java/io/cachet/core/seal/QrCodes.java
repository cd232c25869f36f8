package io.cachet.core.seal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * QR codes for seals: error correction Q (HCERT recommends it for printed documents), a 4-module quiet zone
 * (ISO/IEC 18004 §6.3.8), alphanumeric mode (ZXing picks it because Base45 text uses only that alphabet).
 */
public final class QrCodes {
    public static final int QUIET_ZONE_MODULES = 4;
    private static final Map<EncodeHintType, Object> ENCODE_HINTS =
            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q, EncodeHintType.MARGIN, QUIET_ZONE_MODULES);
    private static final Map<DecodeHintType, Object> DECODE_HINTS = Map.of(
            DecodeHintType.TRY_HARDER, Boolean.TRUE,
            DecodeHintType.ALSO_INVERTED, Boolean.TRUE,
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
    private static final Map<DecodeHintType, Object> PURE_HINTS = Map.of(
            DecodeHintType.PURE_BARCODE, Boolean.TRUE, DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));

    private QrCodes() {}

    /** The QR version (1–40) that this text needs at level Q. */
    public static int version(String text) {
        try {
            QRCode code = Encoder.encode(text, ErrorCorrectionLevel.Q, Map.of());
            return code.getVersion().getVersionNumber();
        } catch (WriterException e) {
            throw new IllegalArgumentException("text too long for a QR code: " + e.getMessage(), e);
        }
    }

    /** The code's modules, quiet zone included, one matrix cell per module. */
    public static BitMatrix modules(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, ENCODE_HINTS);
        } catch (WriterException e) {
            throw new IllegalArgumentException("text too long for a QR code: " + e.getMessage(), e);
        }
    }

    /** A black-on-white PNG with exactly {@code pixelsPerModule} pixels per module, so edges stay crisp. */
    public static byte[] png(String text, int pixelsPerModule) {
        BitMatrix matrix = modules(text);
        int size = matrix.getWidth() * pixelsPerModule;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, matrix.get(x / pixelsPerModule, y / pixelsPerModule) ? 0x000000 : 0xFFFFFF);
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

    /**
     * The text of the QR code found in the image, if any. Tries, in order: the hybrid binarizer (photos, uneven
     * light), the global-histogram binarizer (faxes, flat scans), then the pure-barcode reader (a clean, upright
     * code alone in its image, e.g. the image object inside a PDF), which succeeds where the finder-pattern
     * search is misled by data that look like finder patterns.
     */
    public static Optional<String> read(BufferedImage image) {
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        return decode(new BinaryBitmap(new HybridBinarizer(source)), DECODE_HINTS)
                .or(() -> decode(new BinaryBitmap(new GlobalHistogramBinarizer(source)), DECODE_HINTS))
                .or(() -> decode(new BinaryBitmap(new HybridBinarizer(source)), PURE_HINTS));
    }

    /**
     * True when a standard detector (not told the code is alone and upright) reads this text back from a
     * rendering at {@code pixelsPerModule}: what a phone or a scanner will have to do.
     */
    public static boolean readableByStandardDetector(String text, int pixelsPerModule) {
        BitMatrix matrix = modules(text);
        int size = matrix.getWidth() * pixelsPerModule;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, matrix.get(x / pixelsPerModule, y / pixelsPerModule) ? 0x000000 : 0xFFFFFF);
            }
        }
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        return decode(new BinaryBitmap(new HybridBinarizer(source)), DECODE_HINTS)
                .filter(text::equals)
                .isPresent();
    }

    private static Optional<String> decode(BinaryBitmap bitmap, Map<DecodeHintType, Object> hints) {
        try {
            return Optional.of(new QRCodeReader().decode(bitmap, hints).getText());
        } catch (ReaderException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
