package io.cachet.core.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * What a later revision of a signed PDF changed, object by object. After the issuer's certification signature
 * (DocMDP P=1) only long-term validation material may be added (ETSI EN 319 142-1 §5.4; ISO 32000-2 §12.8.4.3 and
 * §12.8.5): the catalog's {@code /DSS} and document timestamps, each an invisible signature field with its widget.
 * Every object of the earlier revision is compared with its definition in the later one; the only differences
 * accepted are:
 *
 * <ul>
 *   <li>the catalog gaining or replacing {@code /DSS} (and its {@code /AcroForm} entry, when direct, changing as
 *       below);
 *   <li>the AcroForm's {@code /Fields} keeping every earlier field, in order, and adding document timestamp fields;
 *   <li>a page's {@code /Annots} keeping every earlier annotation, in order, and adding the widgets of those fields.
 * </ul>
 *
 * Anything else (content, annotations, form fields, pages, metadata, an object redefined or freed, another root or
 * document information dictionary, encryption) is a modification. New objects need no check of their own: only the
 * accepted changes can reach them, and those are checked here.
 */
final class RevisionChanges {
    static final COSName DSS = COSName.getPDFName("DSS");
    static final COSName DOC_TIME_STAMP = COSName.getPDFName("DocTimeStamp");
    private static final Set<COSName> DSS_KEYS = Set.of(
            COSName.TYPE,
            COSName.getPDFName("Certs"),
            COSName.getPDFName("CRLs"),
            COSName.getPDFName("OCSPs"),
            COSName.getPDFName("VRI"));

    private final COSDocument earlier;
    private final COSDocument later;
    private final boolean timestampsAllowed;
    /** Indirect arrays that may grow: the AcroForm's /Fields and the pages' /Annots, when they are objects. */
    private final Set<COSObjectKey> fieldArrays = new HashSet<>();

    private final Set<COSObjectKey> annotationArrays = new HashSet<>();
    private final Set<COSObjectKey> addedFields = new HashSet<>();
    private final Set<COSObjectKey> addedWidgets = new HashSet<>();
    private final Set<COSObjectKey> addedTimestampValues = new HashSet<>();
    /** The partial names of the form's fields: those of the earlier revision, then each added one. */
    private final Set<String> fieldNames = new HashSet<>();

    /** Annotation flags Print (4) and Locked (128): what the extender writes on a timestamp's widget. */
    private static final int PRINT_AND_LOCKED = 132;

    private static final String FIELD_KEYS_TEXT = "FT, Type, Subtype, F, T, V, P, Rect, AP";
    private static final Set<COSName> FIELD_KEYS = Set.of(
            COSName.FT,
            COSName.TYPE,
            COSName.SUBTYPE,
            COSName.F,
            COSName.T,
            COSName.V,
            COSName.P,
            COSName.RECT,
            COSName.AP);
    private static final Set<COSName> TIMESTAMP_KEYS =
            Set.of(COSName.TYPE, COSName.FILTER, COSName.SUB_FILTER, COSName.CONTENTS, COSName.BYTERANGE);

    private RevisionChanges(PDDocument earlier, PDDocument later, boolean timestampsAllowed) {
        this.earlier = earlier.getDocument();
        this.later = later.getDocument();
        this.timestampsAllowed = timestampsAllowed;
        COSDictionary catalog = earlier.getDocumentCatalog().getCOSObject();
        if (catalog.getDictionaryObject(COSName.ACRO_FORM) instanceof COSDictionary form) {
            if (form.getItem(COSName.FIELDS) instanceof COSObject fields) {
                fieldArrays.add(fields.getKey());
            }
            if (form.getDictionaryObject(COSName.FIELDS) instanceof COSArray fields) {
                for (int i = 0; i < fields.size(); i++) {
                    if (fields.getObject(i) instanceof COSDictionary field
                            && field.getDictionaryObject(COSName.T) instanceof COSString name) {
                        fieldNames.add(name.getString());
                    }
                }
            }
        }
        for (PDPage page : earlier.getPages()) {
            if (page.getCOSObject().getItem(COSName.ANNOTS) instanceof COSObject annotations) {
                annotationArrays.add(annotations.getKey());
            }
        }
    }

    /**
     * The first change from {@code earlier} to {@code later} that is neither validation data nor (when
     * {@code timestampsAllowed}) a document timestamp, described in words; empty when there is none.
     */
    static Optional<String> disallowed(PDDocument earlier, PDDocument later, boolean timestampsAllowed)
            throws IOException {
        return new RevisionChanges(earlier, later, timestampsAllowed).firstDisallowed();
    }

    private Optional<String> firstDisallowed() throws IOException {
        COSDictionary earlierTrailer = earlier.getTrailer();
        COSDictionary laterTrailer = later.getTrailer();
        if (laterTrailer.containsKey(COSName.ENCRYPT)) {
            return Optional.of("a later revision encrypts the document");
        }
        if (!sameReference(earlierTrailer.getItem(COSName.ROOT), laterTrailer.getItem(COSName.ROOT))) {
            return Optional.of("a later revision replaces the document catalog");
        }
        if (!sameReference(earlierTrailer.getItem(COSName.INFO), laterTrailer.getItem(COSName.INFO))) {
            return Optional.of("a later revision replaces the document information dictionary");
        }
        COSObjectKey root = earlierTrailer.getItem(COSName.ROOT).getKey();
        for (COSObjectKey key : earlier.getXrefTable().keySet()) {
            COSBase before = resolve(earlier, key);
            COSBase after = resolve(later, key);
            if (same(before, after)) {
                continue;
            }
            Optional<String> problem = changeAllowed(key, key.equals(root), before, after);
            if (problem.isPresent()) {
                return problem;
            }
        }
        if (!addedFields.equals(addedWidgets)) {
            // Only fields are verified as document timestamps: a widget on a page must be one of them.
            return Optional.of("a signature widget was added to a page without being a form field, or the reverse");
        }
        return Optional.empty();
    }

    private Optional<String> changeAllowed(COSObjectKey key, boolean isCatalog, COSBase before, COSBase after)
            throws IOException {
        String object = "object " + key.getNumber() + " " + key.getGeneration();
        if (!(before instanceof COSDictionary beforeDictionary) || !(after instanceof COSDictionary afterDictionary)) {
            if (before instanceof COSArray beforeArray && after instanceof COSArray afterArray) {
                Set<COSObjectKey> added =
                        fieldArrays.contains(key) ? addedFields : annotationArrays.contains(key) ? addedWidgets : null;
                return added != null && growsOnlyByTimestamps(beforeArray, afterArray, added)
                        ? Optional.empty()
                        : Optional.of(object + " (an array) was changed after signing");
            }
            return Optional.of(object + " was redefined or removed after signing");
        }
        if (before instanceof COSStream || after instanceof COSStream) {
            return Optional.of(object + " (a stream) was changed after signing");
        }
        if (isCatalog) {
            return catalogChangeAllowed(beforeDictionary, afterDictionary);
        }
        if (COSName.PAGE.equals(beforeDictionary.getCOSName(COSName.TYPE))) {
            return onlyKeyChanged(beforeDictionary, afterDictionary, COSName.ANNOTS)
                    ? arrayGrowsOnlyByTimestamps(beforeDictionary, afterDictionary, COSName.ANNOTS, "the page")
                    : Optional.of("the page (" + object + ") was changed after signing");
        }
        if (beforeDictionary.containsKey(COSName.FIELDS)) {
            return onlyKeyChanged(beforeDictionary, afterDictionary, COSName.FIELDS)
                    ? arrayGrowsOnlyByTimestamps(beforeDictionary, afterDictionary, COSName.FIELDS, "the form")
                    : Optional.of("the form (" + object + ") was changed after signing");
        }
        return Optional.of(object + " was changed after signing");
    }

    private Optional<String> catalogChangeAllowed(COSDictionary before, COSDictionary after) throws IOException {
        Set<COSName> keys = new HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (COSName key : keys) {
            COSBase was = before.getItem(key);
            COSBase is = after.getItem(key);
            if (same(was, is)) {
                continue;
            }
            if (key.equals(DSS)) {
                if (!(after.getDictionaryObject(DSS) instanceof COSDictionary dss)
                        || !DSS_KEYS.containsAll(dss.keySet())) {
                    return Optional.of("the catalog's /DSS is not a document security store");
                }
                continue;
            }
            if (key.equals(COSName.ACRO_FORM)
                    && was instanceof COSDictionary wasForm
                    && is instanceof COSDictionary isForm
                    && onlyKeyChanged(wasForm, isForm, COSName.FIELDS)) {
                Optional<String> fields = arrayGrowsOnlyByTimestamps(wasForm, isForm, COSName.FIELDS, "the form");
                if (fields.isPresent()) {
                    return fields;
                }
                continue;
            }
            return Optional.of("the document catalog's /" + key.getName() + " was changed after signing");
        }
        return Optional.empty();
    }

    /** {@code name} holds an array, direct or not, that only grew by document timestamp fields or their widgets. */
    private Optional<String> arrayGrowsOnlyByTimestamps(
            COSDictionary before, COSDictionary after, COSName name, String what) {
        COSBase was = before.getItem(name);
        COSBase is = after.getItem(name);
        if (was instanceof COSObject && sameReference(was, is)) {
            // The array is an indirect object of its own: compared as such.
            return Optional.empty();
        }
        COSArray wasArray = was == null ? new COSArray() : asArray(before.getDictionaryObject(name));
        COSArray isArray = asArray(after.getDictionaryObject(name));
        Set<COSObjectKey> added = name.equals(COSName.FIELDS) ? addedFields : addedWidgets;
        if (wasArray == null || isArray == null || !growsOnlyByTimestamps(wasArray, isArray, added)) {
            return Optional.of(what + "'s /" + name.getName() + " gained something other than a document timestamp");
        }
        return Optional.empty();
    }

    /**
     * {@code after} begins with exactly the entries of {@code before} and every added entry is an invisible document
     * timestamp field merged with its widget: {@code /FT /Sig}, {@code /V} a {@code /DocTimeStamp} dictionary,
     * {@code /Subtype /Widget}, a {@code /Rect} of zero area, no actions, no children.
     */
    private boolean growsOnlyByTimestamps(COSArray before, COSArray after, Set<COSObjectKey> added) {
        if (!timestampsAllowed || after.size() < before.size()) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            if (!same(before.get(i), after.get(i))) {
                return false;
            }
        }
        for (int i = before.size(); i < after.size(); i++) {
            if (!(after.get(i) instanceof COSObject reference)
                    || !(reference.getObject() instanceof COSDictionary field)
                    || !isInvisibleTimestampField(field)) {
                return false;
            }
            // Each added field has its own signature dictionary (one shared by two fields would be shown twice)
            // and its own name, of the form the extender writes: a name is shown in signature panels, and one
            // equal to an existing field's would make the two one field (ISO 32000-1 §12.7.3.2).
            if (added == addedFields
                    && !(field.getItem(COSName.V) instanceof COSObject value
                            && addedTimestampValues.add(value.getKey())
                            && field.getDictionaryObject(COSName.T) instanceof COSString name
                            && name.getString().matches("Signature[0-9]{1,4}")
                            && fieldNames.add(name.getString()))) {
                return false;
            }
            added.add(reference.getKey());
        }
        return true;
    }

    /**
     * A document timestamp field exactly as Cachet's extender (PDFBox) writes it, merged with its widget: only the
     * keys {@value #FIELD_KEYS_TEXT}; {@code /FT /Sig}, {@code /Subtype /Widget}, {@code /Type /Annot} if present, a
     * zero-area {@code /Rect}, {@code /P} a page, {@code /AP} if present only an empty {@code /N} form of zero
     * {@code /BBox}; its {@code /V} an indirect dictionary of exactly {@code /Type /DocTimeStamp}, {@code /Filter},
     * {@code /SubFilter}, {@code /Contents} and {@code /ByteRange}, shared with no other field. Nothing a viewer could
     * show or act on (a name, a reason, a DocMDP reference, an action, an appearance) gets in.
     */
    private static boolean isInvisibleTimestampField(COSDictionary field) {
        if (field instanceof COSStream
                || !FIELD_KEYS.containsAll(field.keySet())
                || !COSName.SIG.equals(field.getCOSName(COSName.FT))
                || !COSName.WIDGET.equals(field.getCOSName(COSName.SUBTYPE))
                || (field.containsKey(COSName.TYPE) && !COSName.ANNOT.equals(field.getCOSName(COSName.TYPE)))
                || !(field.getItem(COSName.V) instanceof COSObject valueReference)
                || !(valueReference.getObject() instanceof COSDictionary value)
                || value instanceof COSStream
                || !value.keySet().equals(TIMESTAMP_KEYS)
                || !DOC_TIME_STAMP.equals(value.getCOSName(COSName.TYPE))) {
            return false;
        }
        if (field.getInt(COSName.F) != PRINT_AND_LOCKED) {
            return false;
        }
        if (field.containsKey(COSName.P)
                && !(field.getDictionaryObject(COSName.P) instanceof COSDictionary page
                        && COSName.PAGE.equals(page.getCOSName(COSName.TYPE)))) {
            return false;
        }
        if (field.containsKey(COSName.AP) && !emptyAppearance(field.getDictionaryObject(COSName.AP))) {
            return false;
        }
        return zeroArea(field.getDictionaryObject(COSName.RECT));
    }

    private static boolean emptyAppearance(COSBase appearance) {
        if (!(appearance instanceof COSDictionary dictionary)
                || !dictionary.keySet().equals(Set.of(COSName.N))
                || !(dictionary.getDictionaryObject(COSName.N) instanceof COSStream normal)
                || !Set.of(COSName.LENGTH, COSName.TYPE, COSName.SUBTYPE, COSName.BBOX)
                        .containsAll(normal.keySet())
                || !zeroArea(normal.getDictionaryObject(COSName.BBOX))) {
            return false;
        }
        try (InputStream raw = normal.createRawInputStream()) {
            return raw.readNBytes(3).length == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean zeroArea(COSBase rectangle) {
        if (!(rectangle instanceof COSArray rect) || rect.size() != 4) {
            return false;
        }
        float[] corners = new float[4];
        for (int i = 0; i < 4; i++) {
            if (!(rect.getObject(i) instanceof COSNumber number)) {
                return false;
            }
            corners[i] = number.floatValue();
        }
        return corners[0] == corners[2] && corners[1] == corners[3];
    }

    private static boolean onlyKeyChanged(COSDictionary before, COSDictionary after, COSName allowed) {
        Set<COSName> keys = new HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (COSName key : keys) {
            if (!key.equals(allowed) && !same(before.getItem(key), after.getItem(key))) {
                return false;
            }
        }
        return true;
    }

    private static COSArray asArray(COSBase base) {
        return base instanceof COSArray array ? array : null;
    }

    private static COSBase resolve(COSDocument document, COSObjectKey key) {
        COSObject object = document.getObjectFromPool(key);
        return object == null ? null : object.getObject();
    }

    private static boolean sameReference(COSBase a, COSBase b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a instanceof COSObject
                && b instanceof COSObject
                && a.getKey() != null
                && a.getKey().equals(b.getKey());
    }

    /**
     * Structural equality of two definitions: indirect references by object key (the objects they name are compared
     * in their own right), dictionaries by keys and values, arrays entry by entry, streams also by their raw bytes.
     */
    static boolean same(COSBase a, COSBase b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof COSObject || b instanceof COSObject) {
            return sameReference(a, b);
        }
        if (a instanceof COSDictionary x && b instanceof COSDictionary y) {
            if (x instanceof COSStream != y instanceof COSStream || !x.keySet().equals(y.keySet())) {
                return false;
            }
            for (COSName key : x.keySet()) {
                if (!same(x.getItem(key), y.getItem(key))) {
                    return false;
                }
            }
            return !(x instanceof COSStream xs) || sameBytes(xs, (COSStream) y);
        }
        if (a instanceof COSArray x && b instanceof COSArray y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof COSString x && b instanceof COSString y) {
            return Arrays.equals(x.getBytes(), y.getBytes());
        }
        return a.getClass() == b.getClass() && a.equals(b);
    }

    private static boolean sameBytes(COSStream x, COSStream y) {
        try (InputStream first = x.createRawInputStream();
                InputStream second = y.createRawInputStream()) {
            return Arrays.equals(first.readAllBytes(), second.readAllBytes());
        } catch (IOException e) {
            return false;
        }
    }
}
