package io.cachet.issuer;

import static java.util.Objects.requireNonNull;

import io.cachet.core.batch.BatchProblem;
import java.util.List;

/**
 * What the service keeps of one batch, in {@code batches/<id>/state.json}: what was asked, by whom, and how far it
 * went.
 *
 * @param id the batch's id (a UUID)
 * @param type the certificate type of every row
 * @param inputName the stored input's file name ({@code input.csv} or {@code input.jsonl}); the extension tells
 *     core's {@code BatchInput} how to read it
 * @param skipInvalid whether the valid rows are issued when others have problems ({@code cachet batch
 *     --skip-invalid})
 * @param lang the certificates' language, {@code fr} or {@code en}
 * @param actor the registry actor of every certificate issued ({@link Identity#actor()})
 * @param subject the caller's {@code sub}, who may read the batch
 * @param detail why the batch failed or was interrupted; empty otherwise
 */
public record BatchRecord(
        String id,
        String type,
        String inputName,
        boolean skipInvalid,
        String lang,
        String actor,
        String subject,
        State state,
        int total,
        int issued,
        int invalid,
        int failed,
        String detail,
        List<BatchProblem> problems,
        List<Certificate> certificates) {

    /**
     * Where a batch is: CHECKED when the pages read and validated its rows and it waits for its agent to start it (or
     * to cancel it), VALIDATING until every row is checked, RUNNING while issuing, then one of the others.
     */
    public enum State {
        CHECKED,
        VALIDATING,
        RUNNING,
        DONE,
        FAILED,
        INTERRUPTED;

        public boolean finished() {
            return this == DONE || this == FAILED || this == INTERRUPTED;
        }

        /** Whether a service that stopped while the batch was in this state runs it again when it starts. */
        boolean resumable() {
            return this == VALIDATING || this == RUNNING;
        }
    }

    /** A certificate issued for a row of the input, counted from 1 as {@code cachet batch} counts lines. */
    public record Certificate(int row, String id) {
        public Certificate {
            requireNonNull(id, "id is null");
        }
    }

    public BatchRecord {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(inputName, "inputName is null");
        requireNonNull(lang, "lang is null");
        requireNonNull(actor, "actor is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(state, "state is null");
        requireNonNull(detail, "detail is null");
        problems = List.copyOf(problems);
        certificates = List.copyOf(certificates);
    }

    static BatchRecord accepted(
            String id, String type, String inputName, boolean skipInvalid, String lang, Identity caller) {
        return new BatchRecord(
                id,
                type,
                inputName,
                skipInvalid,
                lang,
                caller.actor(),
                caller.subject(),
                State.VALIDATING,
                0,
                0,
                0,
                0,
                "",
                List.of(),
                List.of());
    }

    /** The batch as the pages keep it after checking its rows: nothing runs until its agent starts it. */
    static BatchRecord checked(
            String id,
            String type,
            String inputName,
            String lang,
            Identity caller,
            int total,
            int invalid,
            List<BatchProblem> problems) {
        return accepted(id, type, inputName, false, lang, caller)
                .validated(total, invalid, problems)
                .in(State.CHECKED, "");
    }

    /** A CHECKED batch its agent started, with or without the rows that have problems. */
    BatchRecord started(boolean skipInvalidRows) {
        return new BatchRecord(
                id,
                type,
                inputName,
                skipInvalidRows,
                lang,
                actor,
                subject,
                State.VALIDATING,
                total,
                issued,
                invalid,
                failed,
                "",
                problems,
                certificates);
    }

    /** The number of rows without a problem. */
    public int valid() {
        return total - invalid;
    }

    BatchRecord validated(int total, int invalid, List<BatchProblem> problems) {
        return new BatchRecord(
                id,
                type,
                inputName,
                skipInvalid,
                lang,
                actor,
                subject,
                state,
                total,
                issued,
                invalid,
                failed,
                detail,
                problems,
                certificates);
    }

    BatchRecord in(State next, String why) {
        return new BatchRecord(
                id,
                type,
                inputName,
                skipInvalid,
                lang,
                actor,
                subject,
                next,
                total,
                issued,
                invalid,
                failed,
                why,
                problems,
                certificates);
    }

    BatchRecord progress(int issuedNow, int failedNow) {
        return new BatchRecord(
                id,
                type,
                inputName,
                skipInvalid,
                lang,
                actor,
                subject,
                state,
                total,
                issuedNow,
                invalid,
                failedNow,
                detail,
                problems,
                certificates);
    }

    BatchRecord done(int issuedNow, List<BatchProblem> failures, List<Certificate> issuedCertificates) {
        List<BatchProblem> all = new java.util.ArrayList<>(problems);
        all.addAll(failures);
        all.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new BatchRecord(
                id,
                type,
                inputName,
                skipInvalid,
                lang,
                actor,
                subject,
                State.DONE,
                total,
                issuedNow,
                invalid,
                failures.size(),
                "",
                all,
                issuedCertificates);
    }
}
