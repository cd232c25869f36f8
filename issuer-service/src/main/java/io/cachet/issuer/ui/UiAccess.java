package io.cachet.issuer.ui;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pages' door: the session cookie (HttpOnly, SameSite=Lax, Secure over https, path /ui), the sign-in cookie that
 * binds a sign-in to its browser, the language cookie, and the CSRF token every form must carry.
 */
final class UiAccess {
    static final String SESSION_COOKIE = "cachet_ui";
    static final String SIGN_IN_COOKIE = "cachet_ui_signin";
    static final String LANG_COOKIE = "cachet_ui_lang";
    static final String CSRF_FIELD = "_csrf";
    private static final String SESSION = "ui.session";
    private static final Pattern SAFE_RETURN = Pattern.compile("/ui(/[A-Za-z0-9/_\\-.]*)?(\\?[A-Za-z0-9=&_\\-.%]*)?");

    private final UiSettings settings;
    private final UiSessions sessions;

    UiAccess(UiSettings settings, UiSessions sessions) {
        this.settings = requireNonNull(settings, "settings is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    /**
     * Before every page but the sign-in's own: the session, else a redirect to sign in (a GET comes back to where it
     * was); every POST must carry the session's CSRF token.
     */
    void before(Context ctx) {
        String path = ctx.path();
        if (path.equals("/ui/sign-in")
                || path.equals("/ui/callback")
                || path.equals("/ui/signed-out")
                || path.startsWith("/ui/assets/")) {
            return;
        }
        Optional<UiSessions.Session> session = sessions.find(ctx.cookie(SESSION_COOKIE));
        if (session.isEmpty()) {
            String back = "GET".equals(ctx.method().name())
                    ? path + (ctx.queryString() == null ? "" : "?" + ctx.queryString())
                    : "/ui";
            ctx.redirect(
                    "/ui/sign-in?return=" + URLEncoder.encode(safeReturn(back), StandardCharsets.UTF_8),
                    io.javalin.http.HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        if ("POST".equals(ctx.method().name())) {
            if (ctx.isMultipartFormData() && ctx.contentLength() > io.cachet.issuer.IssuerApp.MAX_UPLOAD_BYTES) {
                // Refused before the body is read: a batch file over the limit is not parsed at all.
                throw new io.javalin.http.HttpResponseException(
                        413,
                        "a batch file is at most " + io.cachet.issuer.BatchDesk.MAX_INPUT_BYTES / (1024 * 1024)
                                + " MB: split it",
                        java.util.Map.of());
            }
            String token = ctx.formParam(CSRF_FIELD);
            if (!session.get().acceptsCsrf(token)) {
                throw new ForbiddenResponse("this form is out of date or was not sent from Cachet's pages: open the"
                        + " page again and repeat");
            }
        }
        ctx.attribute(SESSION, session.get());
    }

    static UiSessions.Session session(Context ctx) {
        UiSessions.Session session = ctx.attribute(SESSION);
        if (session == null) {
            throw new IllegalStateException("no session: the page is not behind UiAccess.before");
        }
        return session;
    }

    /** The session if there is one (for pages shown to anyone, such as errors). */
    static Optional<UiSessions.Session> optionalSession(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SESSION));
    }

    /** The page language: {@code ?lang=} (remembered in a cookie), else the cookie, else French. */
    Locale locale(Context ctx) {
        String asked = ctx.queryParam("lang");
        if ("fr".equals(asked) || "en".equals(asked)) {
            setCookie(ctx, LANG_COOKIE, asked, 365 * 24 * 3600, false);
            return Locale.forLanguageTag(asked);
        }
        String remembered = ctx.cookie(LANG_COOKIE);
        return "en".equals(remembered) ? Locale.ENGLISH : Locale.FRENCH;
    }

    void openSession(Context ctx, UiSessions.Session session) {
        setCookie(ctx, SESSION_COOKIE, session.id(), -1, true);
    }

    void closeSession(Context ctx) {
        sessions.close(ctx.cookie(SESSION_COOKIE));
        setCookie(ctx, SESSION_COOKIE, "", 0, true);
    }

    /** The random value that binds a sign-in to this browser (a new one per sign-in). */
    String newBrowserBinding(Context ctx) {
        String value = UiSessions.randomId();
        setCookie(ctx, SIGN_IN_COOKIE, value, (int) UiSessions.SIGN_IN_TIMEOUT.toSeconds(), true);
        return value;
    }

    String browserBinding(Context ctx) {
        String value = ctx.cookie(SIGN_IN_COOKIE);
        setCookie(ctx, SIGN_IN_COOKIE, "", 0, true);
        return value;
    }

    /** Only a path of the pages themselves: never an address elsewhere (no open redirect). */
    static String safeReturn(String asked) {
        return asked != null && SAFE_RETURN.matcher(asked).matches() && !asked.contains("//") ? asked : "/ui";
    }

    private void setCookie(Context ctx, String name, String value, int maxAge, boolean httpOnly) {
        StringBuilder cookie = new StringBuilder(name).append('=').append(value).append("; Path=/ui; SameSite=Lax");
        if (maxAge >= 0) {
            cookie.append("; Max-Age=").append(maxAge);
        }
        if (httpOnly) {
            cookie.append("; HttpOnly");
        }
        if (settings.secureCookies()) {
            cookie.append("; Secure");
        }
        ctx.res().addHeader("Set-Cookie", cookie.toString());
    }
}
