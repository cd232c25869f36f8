package io.cachet.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of the bundled templates folder ({@code templates/}: types and fonts) that a test may change. */
public final class TemplateFolders {
    public static final Path SOURCE = Path.of("..", "templates");

    private TemplateFolders() {}

    /** Copies {@code templates/types}, {@code templates/common} and {@code templates/fonts} into {@code target}; returns {@code target}. */
    public static Path copy(Path target) {
        for (String part : new String[] {"types", "common", "fonts"}) {
            Path from = SOURCE.resolve(part);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Path to = target.resolve(part).resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return target;
    }
}
