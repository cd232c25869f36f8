package io.cachet.web;

import static java.util.Objects.requireNonNull;

import io.cachet.core.status.StatusListService;
import io.cachet.core.status.StatusListSource;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/** {@code GET /api/v1/status-list}: the office's signed status list, as its source gives it. */
final class StatusListHandler {
    private final StatusListSource source;

    StatusListHandler(StatusListSource source) {
        this.source = requireNonNull(source, "source is null");
    }

    void get(Context ctx) {
        byte[] token = source.current().orElseThrow(() -> new NotFoundResponse("no status list is published here"));
        ctx.contentType(StatusListService.MEDIA_TYPE)
                .header("Cache-Control", "max-age=60")
                .result(token);
    }
}
