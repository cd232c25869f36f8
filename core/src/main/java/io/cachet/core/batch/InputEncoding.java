package io.cachet.core.batch;

import io.cachet.core.CachetException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The character encoding of a batch file. Unless one is forced ({@code --encoding}), UTF-8 (with or without a byte
 * order mark) when every byte of the file is valid UTF-8, else Windows-1252 (what a French spreadsheet saves as
 * "CSV (separator: semicolon)"). French text in Windows-1252 is not valid UTF-8 as soon as it holds an accented
 * letter: é is the byte 0xE9, which UTF-8 only allows as the lead of a three-byte sequence; and a file without any
 * byte above 0x7F reads the same in both. A file in neither, or not in the forced encoding, is an error naming the
 * line and the byte, not a decoder's "Input length = 1". Every check reads the file as a stream.
 */
public final class InputEncoding {
    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final int BUFFER_BYTES = 64 * 1024;

    private InputEncoding() {}

    /**
     * The charset named by {@code --encoding}: any name or alias Java knows ({@code utf-8}, {@code windows-1252},
     * {@code cp1252}, {@code iso-8859-1}…).
     *
     * @throws CachetException USAGE for an unknown name
     */
    public static Charset named(String name) {
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw CachetException.usage("unknown encoding '" + name + "': use utf-8 or windows-1252 (cp1252)");
        }
    }

    /**
     * The encoding to read {@code file} in: {@code forced} after checking that the file is valid in it, else the one
     * detected.
     *
     * @throws CachetException INVALID_INPUT when the file is not valid text in it (the line and the byte named)
     */
    static Charset of(Path file, Optional<Charset> forced) throws IOException {
        if (forced.isPresent()) {
            Optional<Undecodable> bad = firstUndecodable(file, forced.get());
            if (bad.isPresent()) {
                throw CachetException.invalidInput(
                        file + " is not " + forced.get().name() + " text: " + bad.get()
                                + "; name the file's encoding with --encoding, or leave it out to have it detected");
            }
            return forced.get();
        }
        refuseUtf16(file);
        Optional<Undecodable> notUtf8 = firstUndecodable(file, StandardCharsets.UTF_8);
        if (notUtf8.isEmpty()) {
            return StandardCharsets.UTF_8;
        }
        if (firstUndecodable(file, WINDOWS_1252).isEmpty()) {
            return WINDOWS_1252;
        }
        throw CachetException.invalidInput(file + " is neither UTF-8 nor Windows-1252 text (" + notUtf8.get()
                + " is not UTF-8, and the file holds a byte that Windows-1252 leaves undefined); save it as"
                + " 'CSV UTF-8', or name its encoding with --encoding");
    }

    /** Where a file stops being valid text in a charset. */
    record Undecodable(long line, int firstByte) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "line %d holds the byte 0x%02X", line, firstByte);
        }
    }

    /** The line (counted by its 0x0A bytes, as in every ASCII-compatible encoding) of the first undecodable byte. */
    static Optional<Undecodable> firstUndecodable(Path file, Charset charset) throws IOException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(BUFFER_BYTES);
        CharBuffer out = CharBuffer.allocate(BUFFER_BYTES);
        long line = 1;
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            boolean end = false;
            while (!end) {
                end = channel.read(in) < 0;
                in.flip();
                CoderResult result;
                do {
                    int start = in.position();
                    result = decoder.decode(in, out, end);
                    line += newlines(in, start, in.position());
                    out.clear();
                    if (result.isError()) {
                        return Optional.of(new Undecodable(line, in.get(in.position()) & 0xFF));
                    }
                } while (result.isOverflow());
                in.compact();
            }
            CoderResult flushed;
            do {
                out.clear();
                flushed = decoder.flush(out);
            } while (flushed.isOverflow());
        }
        return Optional.empty();
    }

    private static int newlines(ByteBuffer buffer, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (buffer.get(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    /** UTF-16 (a spreadsheet's "Unicode text") is not read as garbage: said so, with what to do. */
    private static void refuseUtf16(Path file) throws IOException {
        byte[] start = new byte[2];
        int read;
        try (InputStream stream = Files.newInputStream(file)) {
            read = stream.readNBytes(start, 0, 2);
        }
        boolean utf16 = read == 2
                && ((start[0] == (byte) 0xFF && start[1] == (byte) 0xFE)
                        || (start[0] == (byte) 0xFE && start[1] == (byte) 0xFF));
        if (utf16) {
            throw CachetException.invalidInput(file + " is UTF-16 text (a spreadsheet's \"Unicode text\"): save it"
                    + " as 'CSV UTF-8' or as 'CSV (separator: semicolon)'");
        }
    }
}
