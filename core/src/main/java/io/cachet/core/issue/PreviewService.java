package io.cachet.core.issue;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachet.core.render.CertificateRenderer;
import io.cachet.core.render.RenderRequest;
import io.cachet.core.types.CertificateType;
import io.cachet.core.types.DataValidator;
import io.cachet.core.types.TypeCatalog;
import io.cachet.core.types.ValidatedData;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders a specimen: the data are validated exactly as for issuing (every problem at once), then rendered with the
 * "SPÉCIMEN — NON VALABLE" watermark, the id {@value #SPECIMEN_ID}, no seal and no PDF signature. Nothing is
 * registered and no key is needed, so a template author can preview without a home.
 */
public final class PreviewService {
    /** The number printed on every specimen: not a certificate id, so no verifier can mistake it for one. */
    public static final String SPECIMEN_ID = "SPECIMEN";

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final TypeCatalog catalog;
    private final CertificateRenderer renderer;
    private final IssuanceService.Office office;
    private final Clock clock;

    public PreviewService(
            TypeCatalog catalog, CertificateRenderer renderer, IssuanceService.Office office, Clock clock) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.renderer = requireNonNull(renderer, "renderer is null");
        this.office = requireNonNull(office, "office is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The specimen PDF/A for {@code data} of {@code typeId}.
     *
     * @throws io.cachet.core.CachetException {@code INVALID_INPUT} listing every problem in the data
     */
    public byte[] preview(String typeId, JsonNode data, Locale locale) {
        CertificateType type = catalog.get(typeId);
        ValidatedData validated = DataValidator.validate(type, data);
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<Instant> expiresAt = type.validity()
                .map(period -> issuedAt.atZone(PARIS).plus(period).toInstant());
        return renderer.render(new RenderRequest(
                validated,
                SPECIMEN_ID,
                issuedAt,
                expiresAt,
                office.code(),
                office.name(),
                Optional.empty(),
                office.verifierUrl(),
                locale,
                true));
    }
}
