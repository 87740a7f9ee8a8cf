package io.freshdeskbigquery.destination;

/** What a batch did to the current table: new ids, newer versions of known ids, versions already there. */
public record WriteResult(int inserted, int updated, int unchanged) {

    public static final WriteResult NONE = new WriteResult(0, 0, 0);

    public WriteResult plus(WriteResult other) {
        return new WriteResult(inserted + other.inserted, updated + other.updated, unchanged + other.unchanged);
    }
}
