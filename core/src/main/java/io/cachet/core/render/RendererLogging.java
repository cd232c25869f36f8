package io.cachet.core.render;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends openhtmltopdf's diagnostics to SLF4J, warnings and errors only: by default it prints timings and font
 * loading to the console on every document.
 */
final class RendererLogging implements XRLogger {
    private static final Logger LOG = LoggerFactory.getLogger("io.cachet.core.render.openhtmltopdf");

    private RendererLogging() {}

    static synchronized void install() {
        if (!(XRLog.getLoggerImpl() instanceof RendererLogging)) {
            XRLog.setLoggerImpl(new RendererLogging());
        }
    }

    @Override
    public void log(String where, Level level, String message) {
        log(where, level, message, null);
    }

    @Override
    public void log(String where, Level level, String message, Throwable error) {
        if (level.intValue() >= Level.SEVERE.intValue()) {
            LOG.error("{}: {}", where, message, error);
        } else if (level.intValue() >= Level.WARNING.intValue()) {
            LOG.warn("{}: {}", where, message, error);
        }
    }

    @Override
    public void setLevel(String logger, Level level) {
        // Levels are SLF4J's to decide.
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        return diagnostic.getLevel().intValue() >= Level.WARNING.intValue();
    }
}
