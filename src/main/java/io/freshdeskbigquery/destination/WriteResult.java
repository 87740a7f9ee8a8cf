package io.freshdeskbigquery.destination;

/**
 * What a batch did to the current table: new ids, newer versions of known ids, versions already there; and the
 * rows the destination refused and kept in {@code _rejected} instead (BigQuery's insertAll can refuse a row;
 * DuckDB fails the whole batch, so it is always 0 there).
 */
public record WriteResult(int inserted, int updated, int unchanged, int rejected) {

    public static final WriteResult NONE = new WriteResult(0, 0, 0, 0);

    /** A batch with nothing rejected. */
    public WriteResult(int inserted, int updated, int unchanged) {
        this(inserted, updated, unchanged, 0);
    }

    public WriteResult plus(WriteResult other) {
        return new WriteResult(inserted + other.inserted, updated + other.updated, unchanged + other.unchanged,
                rejected + other.rejected);
    }
}
