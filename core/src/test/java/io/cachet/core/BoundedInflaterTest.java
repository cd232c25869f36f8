package io.cachet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class BoundedInflaterTest {
    @Test
    void inflatesWithinTheLimit() throws Exception {
        byte[] data = "a seal, a status list, a cross-reference stream".getBytes();

        assertThat(BoundedInflater.inflate(deflate(data), data.length)).isEqualTo(data);
    }

    @Test
    void refusesABombTruncatedOrTrailingOrNonZlibData() {
        byte[] zeros = deflate(new byte[1_000_000]);
        byte[] good = deflate("hello".getBytes());

        assertThatThrownBy(() -> BoundedInflater.inflate(zeros, 64 * 1024))
                .hasMessageContaining("inflates beyond 65536 bytes");
        assertThatThrownBy(() -> BoundedInflater.inflate(Arrays.copyOf(good, good.length - 3), 1024))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> BoundedInflater.inflate(Arrays.copyOf(good, good.length + 2), 1024))
                .hasMessageContaining("bytes follow");
        assertThatThrownBy(() -> BoundedInflater.inflate("not zlib at all".getBytes(), 1024))
                .isInstanceOf(BoundedInflater.Failure.class)
                .hasMessageContaining("invalid zlib data");
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }
}
