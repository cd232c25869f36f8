package io.cachet.core;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Small pictures crafted to keep a QR code reader busy, made in the tests rather than checked in. */
public final class HostileImages {
    private HostileImages() {}

    /**
     * A {@code grid}×{@code grid} tiling of QR finder patterns (ISO/IEC 18004 §6.3.3: 7×7 modules, dark 1:1:3:1:1
     * across the centre) with a one-module light separator, 4 pixels per module: 20×20 is a 1.2 KB PNG.
     */
    public static BufferedImage finderPatternGrid(int grid) {
        int module = 4;
        int pitch = 8 * module;
        int size = grid * pitch + module;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int moduleX = (x % pitch) / module - 1;
                int moduleY = (y % pitch) / module - 1;
                boolean inPattern = moduleX >= 0 && moduleY >= 0 && moduleX <= 6 && moduleY <= 6;
                int ring = Math.min(Math.min(moduleX, moduleY), Math.min(6 - moduleX, 6 - moduleY));
                image.getRaster().setSample(x, y, 0, inPattern && ring != 1 ? 0 : 1);
            }
        }
        return image;
    }

    /**
     * A {@code size}×{@code size} picture of vertical stripes, dark-light-dark-dark-dark-light-dark-light: every row
     * is 1:1:3:1:1 across and every centre column dark from top to bottom, so a finder-pattern detector walks the
     * whole height for each of them. 6000×6000 is a 16 KB PNG.
     */
    public static BufferedImage verticalStripes(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        int[] period = {0, 1, 0, 0, 0, 1, 0, 1}; // 0 dark, 1 light
        int[] row = new int[size];
        for (int x = 0; x < size; x++) {
            row[x] = period[x % period.length];
        }
        for (int y = 0; y < size; y++) {
            image.getRaster().setSamples(0, y, size, 1, 0, row);
        }
        return image;
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
