package io.cachet.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.CachetException;
import io.cachet.core.TestHomes;
import io.cachet.core.issue.IssueOptions;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.keys.Pem;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import io.cachet.core.status.StatusListReader;
import io.cachet.core.verify.VerificationService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's contract: recording, lifecycle, verification that sees a change at once, search, audit chain and
 * repair. Runs against SQLite ({@link SqliteRegistryTest}) and PostgreSQL ({@link PostgresRegistryTest}).
 */
abstract class RegistryContract {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);
    private static final AtomicInteger FILES = new AtomicInteger();

    @TempDir
    static Path folder;

    private static CachetServices homeServices;

    CachetServices services;
    RegistryLocation location;

    /** A registry location no test used before. */
    abstract RegistryLocation freshLocation() throws Exception;

    @BeforeAll
    static void home() {
        homeServices = TestHomes.create(folder.resolve("home"), CLOCK);
    }

    @BeforeEach
    void freshRegistry() throws Exception {
        location = freshLocation();
        services = servicesFor(location);
    }

    static CachetServices servicesFor(RegistryLocation location) {
        Map<String, String> environment = new HashMap<>();
        environment.put(RegistryLocation.URL_VARIABLE, location.jdbcUrl());
        location.user().ifPresent(user -> environment.put(RegistryLocation.USER_VARIABLE, user));
        location.password().ifPresent(password -> environment.put(RegistryLocation.PASSWORD_VARIABLE, password));
        return new CachetServices(homeServices.home(), Optional.empty(), environment, CLOCK);
    }

    IssuedCertificate issue(CachetServices with, IssueOptions options) {
        return with.issuance()
                .issue(
                        "visa-validation",
                        TestHomes.sample(with, "visa-validation"),
                        id -> folder.resolve("c" + FILES.incrementAndGet() + ".pdf"),
                        Locale.FRENCH,
                        options);
    }

    IssuedCertificate issue() {
        return issue(services, new IssueOptions("agent.dupont", Optional.empty(), Optional.empty()));
    }

    VerificationReport verify(IssuedCertificate issued) throws Exception {
        return services.verification().verifyPdf(Files.readAllBytes(issued.file()));
    }

    static Optional<Check> check(VerificationReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    @Test
    void issuedCertificateIsRecordedWithHolderHashesAndHistory() throws Exception {
        IssuedCertificate issued = issue();

        CertificateRecord record = services.registry().get(issued.id());
        assertThat(record.status()).isEqualTo(CertificateStatus.VALID);
        assertThat(record.type()).isEqualTo("visa-validation");
        assertThat(record.office()).isEqualTo("PAR");
        assertThat(record.holder().familyName()).isEqualTo("EL AMRANI");
        assertThat(record.issuedAt()).isEqualTo(issued.issuedAt());
        assertThat(record.expiresAt()).isEqualTo(issued.expiresAt());
        assertThat(record.pdfSha256()).isEqualTo(issued.pdfSha256());
        assertThat(record.file()).isEqualTo(issued.file().toAbsolutePath());
        assertThat(record.statusIndex())
                .hasValueSatisfying(
                        index -> assertThat(index).isBetween(0L, (long) Registry.MINIMUM_STATUS_LIST_SIZE - 1));
        assertThat(services.registry().history(issued.id())).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(EventKind.ISSUED);
            assertThat(event.actor()).isEqualTo("agent.dupont");
        });
    }

    @Test
    void theLookupByIdKeepsItsStatementPreparedAcrossLoansOfAConnection() throws Exception {
        CertificateId id = issue().id();
        onItsOwnDatabase(database -> {
            PreparedStatement first = kept(database);
            PreparedStatement again = kept(database);

            assertThat(again)
                    .as("one thread borrowing in turn gets the same connection")
                    .isSameAs(first);
            assertThat(first.isClosed())
                    .as("a loan's end does not close the kept statement")
                    .isFalse();
            assertThat(find(database, id))
                    .hasValueSatisfying(record -> assertThat(record.id()).isEqualTo(id));
            assertThat(find(database, CertificateId.random())).isEmpty();
        });
    }

    @Test
    void aKeptStatementThatFailsIsClosedAndTheNextLookupPreparesAnother() throws Exception {
        CertificateId id = issue().id();
        onItsOwnDatabase(database -> {
            AtomicReference<PreparedStatement> failing = new AtomicReference<>();

            assertThatThrownBy(() -> database.readKept(CertificateRows.FIND, query -> {
                        failing.set(query);
                        throw new SQLException("the connection broke");
                    }))
                    .isInstanceOf(CachetException.class)
                    .hasMessageContaining("registry");

            assertThat(failing.get().isClosed()).isTrue();
            assertThat(kept(database)).isNotSameAs(failing.get());
            assertThat(find(database, id)).isPresent();
        });
    }

    @Test
    void closingTheDatabaseEndsItsKeptStatementsAndAReopenedOneStillFinds() throws Exception {
        CertificateId id = issue().id();
        onItsOwnDatabase(database -> {
            PreparedStatement before = kept(database);
            database.close();

            assertThat(before.getConnection().isClosed())
                    .as("the kept statement went with its connection")
                    .isTrue();
            assertThat(find(database, id)).isPresent();
            assertThat(database.keptConnections())
                    .as("the closed connection's entry is dropped")
                    .isEqualTo(1);
        });
    }

    @FunctionalInterface
    interface DatabaseUse {
        void run(RegistryDatabase database) throws Exception;
    }

    /** Runs {@code use} on a database object of its own for this test's registry, closed afterwards. */
    private void onItsOwnDatabase(DatabaseUse use) throws Exception {
        RegistryDatabase database = new RegistryDatabase(location);
        try {
            use.run(database);
        } finally {
            database.close();
        }
    }

    private static PreparedStatement kept(RegistryDatabase database) {
        return database.readKept(CertificateRows.FIND, query -> query);
    }

    private static Optional<CertificateRecord> find(RegistryDatabase database, CertificateId id) {
        return database.readKept(CertificateRows.FIND, query -> CertificateRows.find(query, id));
    }

    @Test
    void issuedPdfAndSealVerifyValidAgainstTheRegistry() throws Exception {
        IssuedCertificate issued = issue();

        VerificationReport pdf = verify(issued);
        VerificationReport code = services.verification().verifyCode(issued.seal());

        assertThat(pdf.verdict()).as("%s", pdf.checks()).isEqualTo(Verdict.VALID);
        assertThat(check(pdf, "registry.status"))
                .hasValueSatisfying(c -> assertThat(c.outcome()).isEqualTo(Check.Outcome.PASSED));
        assertThat(check(pdf, "registry.match"))
                .hasValueSatisfying(c -> assertThat(c.outcome()).isEqualTo(Check.Outcome.PASSED));
        assertThat(code.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void revokedCertificateVerifiesAsRevokedAtOnce() throws Exception {
        IssuedCertificate issued = issue();
        VerificationService verifier = services.verification();
        assertThat(verifier.verifyCode(issued.seal()).verdict()).isEqualTo(Verdict.VALID);

        services.registry()
                .change(issued.id(), Registry.Change.REVOKE, "agent.martin", Optional.of("fraud"), CLOCK.instant());

        VerificationReport report = verifier.verifyCode(issued.seal());
        assertThat(report.verdict()).isEqualTo(Verdict.REVOKED);
        assertThat(report.reasons()).containsExactly(ReasonCode.CERTIFICATE_REVOKED);
        assertThat(verify(issued).verdict()).isEqualTo(Verdict.REVOKED);
    }

    @Test
    void suspendedCertificateVerifiesAsSuspendedAndValidOnceReinstated() throws Exception {
        IssuedCertificate issued = issue();
        Registry registry = services.registry();

        registry.change(issued.id(), Registry.Change.SUSPEND, "a", Optional.of("inquiry"), CLOCK.instant());
        assertThat(verify(issued).verdict()).isEqualTo(Verdict.SUSPENDED);

        registry.change(issued.id(), Registry.Change.REINSTATE, "a", Optional.empty(), CLOCK.instant());
        assertThat(verify(issued).verdict()).isEqualTo(Verdict.VALID);
        assertThat(registry.history(issued.id()))
                .extracting(RegistryEvent::kind)
                .containsExactly(EventKind.ISSUED, EventKind.SUSPENDED, EventKind.REINSTATED);
    }

    @Test
    void illegalTransitionsAreRefusedWithAClearError() {
        IssuedCertificate issued = issue();
        Registry registry = services.registry();
        Instant now = CLOCK.instant();

        assertThatThrownBy(() -> registry.change(issued.id(), Registry.Change.REINSTATE, "a", Optional.empty(), now))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("only a suspended certificate can be reinstated");
        registry.change(issued.id(), Registry.Change.REVOKE, "a", Optional.of("error"), now);
        assertThatThrownBy(() -> registry.change(issued.id(), Registry.Change.REVOKE, "a", Optional.of("x"), now))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("is revoked");
        assertThatThrownBy(() -> registry.change(issued.id(), Registry.Change.REINSTATE, "a", Optional.empty(), now))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("a revoked certificate cannot be reinstated");
        assertThatThrownBy(() -> registry.change(issued.id(), Registry.Change.SUSPEND, "a", Optional.of("x"), now))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("is revoked");
        assertThat(registry.history(issued.id())).hasSize(2);
    }

    @Test
    void reissuedCertificateSupersedesTheOldOneWhichPointsToTheNew() throws Exception {
        IssuedCertificate old = issue();

        IssuedCertificate corrected =
                issue(services, new IssueOptions("agent", Optional.empty(), Optional.of(old.id())));

        CertificateRecord oldRecord = services.registry().get(old.id());
        assertThat(oldRecord.status()).isEqualTo(CertificateStatus.SUPERSEDED);
        assertThat(oldRecord.supersededBy()).contains(corrected.id());
        assertThat(services.registry().get(corrected.id()).supersedes()).contains(old.id());
        VerificationReport report = verify(old);
        assertThat(report.verdict()).isEqualTo(Verdict.SUPERSEDED);
        assertThat(report.reasons()).containsExactly(ReasonCode.CERTIFICATE_SUPERSEDED);
        assertThat(verify(corrected).verdict()).isEqualTo(Verdict.VALID);
        assertThatThrownBy(() -> issue(services, new IssueOptions("agent", Optional.empty(), Optional.of(old.id()))))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("superseded by " + corrected.id());
    }

    @Test
    void searchFindsByNameIgnoringCaseAndAccentsAndByBirthDateAndType() {
        IssuedCertificate issued = issue();
        Registry registry = services.registry();

        List<CertificateRecord> byName = registry.search(new SearchQuery(
                Optional.of("él amrâni"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                10));
        List<CertificateRecord> byBirthAndType = registry.search(new SearchQuery(
                Optional.empty(),
                Optional.of("1994-07-21"),
                Optional.of("visa-validation"),
                Optional.of("PAR"),
                Optional.of(Instant.parse("2026-11-01T00:00:00Z")),
                Optional.of(Instant.parse("2026-12-01T00:00:00Z")),
                10));
        List<CertificateRecord> none = registry.search(new SearchQuery(
                Optional.of("DUPONT"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                10));

        assertThat(byName).extracting(CertificateRecord::id).containsExactly(issued.id());
        assertThat(byBirthAndType).extracting(CertificateRecord::id).containsExactly(issued.id());
        assertThat(none).isEmpty();
    }

    @Test
    void searchTakesPercentAndUnderscoreLiterallyNeverAsWildcards() {
        IssuedCertificate issued = issue();
        Registry registry = services.registry();

        // Taken as LIKE wildcards, each would match every record.
        for (String wildcard : List.of("%", "_", "%%", "_ _")) {
            assertThatThrownBy(() -> registry.search(byName(wildcard)))
                    .as(wildcard)
                    .isInstanceOf(CachetException.class)
                    .hasMessageContaining("no Latin letter or digit to search for");
        }
        // As a wildcard, "EL%FATIMA" would match "EL AMRANI Yasmine Fatima"; taken literally it is punctuation.
        assertThat(registry.search(byName("EL%FATIMA"))).isEmpty();
        assertThat(registry.search(byName("Y_SMINE"))).isEmpty();
        assertThat(registry.search(byName("EL_AMRANI")))
                .extracting(CertificateRecord::id)
                .containsExactly(issued.id());
    }

    @Test
    void searchIgnoresInvisibleCharactersInTheName() {
        IssuedCertificate issued = issue();

        List<CertificateRecord> found = services.registry().search(byName("EL AM\u200BRA\u00ADNI"));

        assertThat(found).extracting(CertificateRecord::id).containsExactly(issued.id());
    }

    @Test
    void searchIgnoresSpacesAndPunctuationInsideNames() {
        ObjectNode data = (ObjectNode) TestHomes.sample(services, "visa-validation");
        ((ObjectNode) data.get("holder")).put("familyName", "N'DIAYE").put("givenNames", "Amadou");
        IssuedCertificate issued = services.issuance()
                .issue(
                        "visa-validation",
                        data,
                        id -> folder.resolve("c" + FILES.incrementAndGet() + ".pdf"),
                        Locale.FRENCH,
                        new IssueOptions("agent", Optional.empty(), Optional.empty()));
        issue(); // EL AMRANI, which none of the searches below may find

        for (String name : List.of("ndiaye", "N DIAYE", "n'diaye", "N-Diaye", "NDIAYE", "Ndiaye Amadou", "diaye")) {
            assertThat(services.registry().search(byName(name)))
                    .as(name)
                    .extracting(CertificateRecord::id)
                    .containsExactly(issued.id());
        }
        assertThat(services.registry().search(byName("Amadou Ndiaye")))
                .as("the key is the family name then the given names")
                .isEmpty();
    }

    @Test
    void aRecordWrittenBeforeTheCompactKeysIsStillFound() throws Exception {
        // A registry as version 2 of the schema left it, holding a record with a key of that time: "N DIAYE AMADOU".
        Flyway.configure(Registry.class.getClassLoader())
                .locations("classpath:db/registry")
                .table("registry_schema_history")
                .target("2")
                .dataSource(
                        location.jdbcUrl(),
                        location.user().orElse(null),
                        location.password().orElse(null))
                .load()
                .migrate();
        CertificateId id = CertificateId.random();
        execute("INSERT INTO certificates (id, type, office, family_name, given_names, name_key, birth_date, issued_at,"
                + " signer_kid, seal_sha256, pdf_sha256, file, status) VALUES ('" + id.value() + "', 'visa-validation',"
                + " 'PAR', 'N''DIAYE', 'Amadou', 'N DIAYE AMADOU', '1990', 1700000000, '0011223344556677', '"
                + "0".repeat(64) + "', '" + "0".repeat(64) + "', '/old/c.pdf', 'VALID')");

        List<CertificateRecord> found = services.registry().search(byName("ndiaye"));

        assertThat(found).extracting(CertificateRecord::id).containsExactly(id);
        assertThat(found.get(0).holder().birthDate()).isEqualTo("1990");
    }

    private static SearchQuery byName(String name) {
        return new SearchQuery(
                Optional.of(name),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                10);
    }

    @Test
    void auditChainIsIntactAndNamesTheFirstChangedEntry() throws Exception {
        IssuedCertificate issued = issue();
        Registry registry = services.registry();
        registry.change(issued.id(), Registry.Change.SUSPEND, "a", Optional.of("check"), CLOCK.instant());
        registry.change(issued.id(), Registry.Change.REINSTATE, "a", Optional.empty(), CLOCK.instant());
        assertThat(registry.verifyChain()).isInstanceOf(AuditResult.Intact.class);
        assertThat(((AuditResult.Intact) registry.verifyChain()).events()).isEqualTo(3);

        execute("UPDATE events SET actor = 'someone else' WHERE seq = 2");

        assertThat(registry.verifyChain()).isInstanceOfSatisfying(AuditResult.Broken.class, broken -> {
            assertThat(broken.seq()).isEqualTo(2);
            assertThat(broken.problem()).contains("changed");
        });
    }

    @Test
    void auditChainNamesARemovedEntry() throws Exception {
        IssuedCertificate issued = issue();
        Registry registry = services.registry();
        registry.change(issued.id(), Registry.Change.SUSPEND, "a", Optional.of("check"), CLOCK.instant());
        registry.change(issued.id(), Registry.Change.REVOKE, "a", Optional.of("fraud"), CLOCK.instant());

        execute("DELETE FROM events WHERE seq = 2");

        assertThat(registry.verifyChain())
                .isInstanceOfSatisfying(
                        AuditResult.Broken.class,
                        broken -> assertThat(broken.seq()).isEqualTo(3));
    }

    @Test
    void repairDeliversACompletePdfAndDiscardsARecordWithoutFile() throws Exception {
        IssuedCertificate issued = issue();
        Registry registry = services.registry();
        CertificateRecord template = registry.get(issued.id());
        CertificateId written = CertificateId.random();
        CertificateId lost = CertificateId.random();
        Path writtenFile = folder.resolve("written-" + written.value() + ".pdf");
        Files.copy(issued.file(), writtenFile);
        registry.reserve(pending(template, written, writtenFile, issued.pdfSha256()));
        registry.reserve(pending(template, lost, folder.resolve("never-written.pdf"), issued.pdfSha256()));
        assertThat(registry.pending()).hasSize(2);

        RepairReport report = registry.repair("repair", CLOCK.instant());

        assertThat(report.completed()).containsExactly(written);
        assertThat(report.discarded()).containsExactly(lost);
        assertThat(registry.get(written).status()).isEqualTo(CertificateStatus.VALID);
        assertThat(registry.find(lost)).isEmpty();
        assertThat(registry.pending()).isEmpty();
        assertThat(registry.verifyChain()).isInstanceOf(AuditResult.Intact.class);
    }

    @Test
    void repairLeavesRecentIssuancesAloneUnlessToldOtherwise() throws Exception {
        IssuedCertificate issued = issue();
        Registry registry = services.registry();
        CertificateRecord template = registry.get(issued.id());
        CertificateId inProgress = CertificateId.random();
        registry.reserve(pending(template, inProgress, folder.resolve("being-written.pdf"), issued.pdfSha256()));
        java.time.Duration fifteenMinutes = java.time.Duration.ofMinutes(15);

        RepairReport meanwhile = registry.repair("repair", template.issuedAt().plusSeconds(60), fifteenMinutes);
        RepairReport later = registry.repair(
                "repair", template.issuedAt().plus(fifteenMinutes).plusSeconds(1), fifteenMinutes);

        assertThat(meanwhile.recent()).containsExactly(inProgress);
        assertThat(meanwhile.discarded()).isEmpty();
        assertThat(later.discarded()).containsExactly(inProgress);
        assertThat(registry.find(inProgress)).isEmpty();
    }

    @Test
    void aPdfWrittenButNotYetDeliveredNeverVerifiesValidUntilRepaired() throws Exception {
        IssuedCertificate issued = issue();
        // The state a kill -9 leaves between linking the PDF into place and marking it delivered.
        execute("UPDATE certificates SET status = 'PENDING' WHERE id = '"
                + issued.id().value() + "'");
        execute("DELETE FROM events");

        VerificationReport before = verify(issued);
        RepairReport repair = services.registry().repair("repair", CLOCK.instant());
        VerificationReport after = verify(issued);

        assertThat(before.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(before.reasons()).containsExactly(ReasonCode.UNKNOWN_CERTIFICATE);
        assertThat(repair.completed()).containsExactly(issued.id());
        assertThat(after.verdict()).isEqualTo(Verdict.VALID);
        assertThat(services.registry().history(issued.id()))
                .singleElement()
                .satisfies(event -> assertThat(event.actor()).isEqualTo("repair"));
    }

    @Test
    void anIdempotencyKeyIsIssuedOnlyOnce() {
        IssuedCertificate first = issue(services, new IssueOptions("a", Optional.of("row-42"), Optional.empty()));

        assertThatThrownBy(() -> issue(services, new IssueOptions("a", Optional.of("row-42"), Optional.empty())))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("row-42");
        assertThat(services.registry().findByIdempotencyKey("row-42"))
                .hasValueSatisfying(record -> assertThat(record.id()).isEqualTo(first.id()));
    }

    @Test
    void authenticSealUnknownToTheRegistryIsInvalid() throws Exception {
        CachetServices elsewhere = servicesFor(freshLocation());
        IssuedCertificate unrecorded = issue(elsewhere, IssueOptions.byCurrentUser());

        VerificationReport report = verify(unrecorded);

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.reasons()).containsExactly(ReasonCode.UNKNOWN_CERTIFICATE);
    }

    @Test
    void verifierWithoutRegistryNeverSaysValidButSaysTheStatusWasNotChecked() throws Exception {
        IssuedCertificate issued = issue();
        VerificationService offline = new VerificationService(services.trustStore(), CLOCK);

        VerificationReport report = offline.verifyPdf(Files.readAllBytes(issued.file()));

        assertThat(report.verdict()).isEqualTo(Verdict.UNREADABLE);
        assertThat(report.reasons()).containsExactly(ReasonCode.STATUS_NOT_CHECKED);
        assertThat(report.certificate()).isPresent();
        assertThat(check(report, "registry.status"))
                .hasValueSatisfying(c -> assertThat(c.outcome()).isEqualTo(Check.Outcome.SKIPPED));
    }

    @Test
    void unreachableRegistryMakesTheVerdictUnreadable() throws Exception {
        IssuedCertificate issued = issue();
        CachetServices unreachable = servicesFor(new RegistryLocation(
                "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", Optional.empty(), Optional.empty()));

        VerificationReport report = unreachable.verification().verifyCode(issued.seal());

        assertThat(report.verdict()).isEqualTo(Verdict.UNREADABLE);
        assertThat(report.reasons()).containsExactly(ReasonCode.REGISTRY_UNAVAILABLE);
    }

    @Test
    void revokedAndSuspendedCertificatesAreSetInTheSignedStatusList() throws Exception {
        IssuedCertificate revoked = issue();
        IssuedCertificate suspended = issue();
        IssuedCertificate valid = issue();
        Registry registry = services.registry();
        registry.change(revoked.id(), Registry.Change.REVOKE, "a", Optional.of("fraud"), CLOCK.instant());
        registry.change(suspended.id(), Registry.Change.SUSPEND, "a", Optional.of("check"), CLOCK.instant());

        byte[] token = services.statusList().export(Duration.ofDays(1), Duration.ofHours(1));

        StatusListReader.StatusList list = StatusListReader.read(token, signerKey());
        assertThat(list.size()).isGreaterThanOrEqualTo(Registry.MINIMUM_STATUS_LIST_SIZE);
        assertThat(list.uri()).isEqualTo(services.statusListUri());
        assertThat(list.bits()).isEqualTo(2);
        assertThat(list.status(registry.get(revoked.id()).statusIndex().orElseThrow()))
                .isEqualTo(1);
        assertThat(list.status(registry.get(suspended.id()).statusIndex().orElseThrow()))
                .isEqualTo(2);
        assertThat(list.status(registry.get(valid.id()).statusIndex().orElseThrow()))
                .isZero();
    }

    @Test
    void aStatusListSignedByAnotherKeyIsRefused() throws Exception {
        issue();
        byte[] token = services.statusList().export(Duration.ofDays(1), Duration.ofHours(1));
        PublicKey other = io.cachet.core.keys.DevelopmentPki.newP256KeyPair().getPublic();

        assertThatThrownBy(() -> StatusListReader.read(token, other))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("signature");
    }

    private static PublicKey signerKey() throws Exception {
        try (var files = Files.list(homeServices.home().signerCertificates())) {
            return Pem.readCertificates(files.findFirst().orElseThrow()).get(0).getPublicKey();
        }
    }

    static PendingCertificate pending(CertificateRecord like, CertificateId id, Path file, String pdfSha256) {
        return new PendingCertificate(
                id,
                like.type(),
                like.office(),
                like.holder(),
                like.foreignerNumber(),
                like.issuedAt(),
                like.expiresAt(),
                like.signerKid(),
                like.sealSha256(),
                pdfSha256,
                file,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    void execute(String sql) throws Exception {
        Properties properties = new Properties();
        location.user().ifPresent(user -> properties.setProperty("user", user));
        location.password().ifPresent(password -> properties.setProperty("password", password));
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl(), properties);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
