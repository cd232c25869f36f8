package io.cachet.core.twodoc;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.datamatrix.DataMatrixReader;
import com.google.zxing.datamatrix.DataMatrixWriter;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The 2D-Doc as a DataMatrix ECC200 symbol (§4: square, ECC200 only), and back.
 *
 * <p>The text is encoded in C40 where it allows (§3.2: C40 packs upper-case letters, digits and space three to two
 * bytes, and a 2D-Doc's text is made of them, its separators and Base32): ZXing's {@code FORCE_C40} (ZXing 3.5)
 * starts the symbol in C40 and leaves it only for characters C40 cannot hold.
 */
public final class TwoDocMatrix {
    /** The smallest module the specification recommends when the printer is not known (§4.4): 0.4 mm. */
    public static final double MODULE_MILLIMETRES = 0.4;
    /** The blank margin around the symbol, in modules (§4.3 requires at least one). */
    public static final int QUIET_ZONE_MODULES = 2;

    private TwoDocMatrix() {}

    /** The DataMatrix's modules, one bit per module, without quiet zone. */
    public static BitMatrix modules(String text) {
        return modules(text, c40Friendly(text));
    }

    static BitMatrix modules(String text, boolean forceC40) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.DATA_MATRIX_SHAPE, SymbolShapeHint.FORCE_SQUARE);
        if (forceC40) {
            hints.put(EncodeHintType.FORCE_C40, Boolean.TRUE);
        }
        // Width and height 0: one pixel per module, no margin (DataMatrixWriter never shrinks the symbol).
        return new DataMatrixWriter().encode(text, BarcodeFormat.DATA_MATRIX, 0, 0, hints);
    }

    /** Whether C40 suits the whole text: ASCII without lower-case letters (which C40 only reaches by shifting). */
    static boolean c40Friendly(String text) {
        return text.chars().allMatch(c -> c < 0x80 && !(c >= 'a' && c <= 'z'));
    }

    /** Pixels per module at {@code dpi} for modules of at least {@link #MODULE_MILLIMETRES}. */
    public static int modulePixels(int dpi) {
        if (dpi < 72 || dpi > 2400) {
            throw new IllegalArgumentException("a resolution between 72 and 2400 dpi is expected, not " + dpi);
        }
        return (int) Math.ceil(MODULE_MILLIMETRES * dpi / 25.4);
    }

    /**
     * The symbol as a black-on-white image at {@code dpi}, modules of at least 0.4 mm (5 pixels at 300 dpi), with a
     * quiet zone of {@value #QUIET_ZONE_MODULES} modules.
     *
     * @throws IllegalArgumentException when {@code dpi} is outside 72–2400, or the text does not fit the largest
     *     square DataMatrix (144×144)
     */
    public static BufferedImage render(String text, int dpi) {
        BitMatrix modules = modules(text);
        int scale = modulePixels(dpi);
        int side = (modules.getWidth() + 2 * QUIET_ZONE_MODULES) * scale;
        int sideY = (modules.getHeight() + 2 * QUIET_ZONE_MODULES) * scale;
        BufferedImage image = new BufferedImage(side, sideY, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < sideY; y++) {
            for (int x = 0; x < side; x++) {
                int mx = x / scale - QUIET_ZONE_MODULES;
                int my = y / scale - QUIET_ZONE_MODULES;
                boolean dark = mx >= 0
                        && my >= 0
                        && mx < modules.getWidth()
                        && my < modules.getHeight()
                        && modules.get(mx, my);
                image.setRGB(x, y, dark ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        return image;
    }

    /**
     * The text of the DataMatrix that is the main content of {@code image} (a photo or crop of the code); empty when
     * none is read. ZXing's DataMatrix detector grows a white rectangle from the image's centre, so it does not find a
     * symbol among other content: for a whole page, see {@link #search(BufferedImage)}.
     */
    public static Optional<String> read(BufferedImage image) {
        return read(new BufferedImageLuminanceSource(image));
    }

    /** Window sides, in pixels, that {@link #search} tries: a 64-module symbol at 300 dpi is about 330 pixels wide. */
    private static final int[] WINDOWS = {600, 1000};

    /**
     * The text of a DataMatrix anywhere in {@code image}, such as a whole page rendered at 300 dpi: the image itself,
     * then square windows of 600 and 1,000 pixels moved by a third of their side, each read as
     * {@link #read(BufferedImage)} reads. The work is bounded by the image's area (about 200 windows for an A4 page
     * at 300 dpi). Empty when no window reads.
     */
    public static Optional<String> search(BufferedImage image) {
        return search(image, () -> false);
    }

    /** {@link #search(BufferedImage)}, giving up (empty) as soon as {@code stop} says so, between windows. */
    public static Optional<String> search(BufferedImage image, java.util.function.BooleanSupplier stop) {
        Optional<String> whole = read(image);
        if (whole.isPresent()) {
            return whole;
        }
        for (int window : WINDOWS) {
            if (window >= Math.max(image.getWidth(), image.getHeight())) {
                continue;
            }
            int step = window / 3;
            for (int top = 0; top < image.getHeight(); top += step) {
                int height = Math.min(window, image.getHeight() - top);
                for (int left = 0; left < image.getWidth(); left += step) {
                    if (stop.getAsBoolean()) {
                        return Optional.empty();
                    }
                    int width = Math.min(window, image.getWidth() - left);
                    Optional<String> text = read(new BufferedImageLuminanceSource(image, left, top, width, height));
                    if (text.isPresent()) {
                        return text;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> read(BufferedImageLuminanceSource source) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(source));
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        try {
            Result result = new DataMatrixReader().decode(bitmap, hints);
            return Optional.of(result.getText());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (ReaderException e) {
            // A symbol was found but its error correction or content failed: nothing usable was read.
            return Optional.empty();
        }
    }
}
