package io.freshdeskbigquery.freshdesk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A page that could not be read (not JSON: an invalid UTF-8 byte, nesting or a number past the parser's limits;
 * or larger than {@code freshdesk.max-page-bytes}), read again in smaller pieces until what cannot be read is one
 * record alone. The page's window of the list (the records at offsets {@code (page - 1) * 100} to
 * {@code page * 100} of the same query) is asked for as pages of {@code per_page} 50, a piece that cannot be read as
 * pages of 25, then 5, then 1: each size divides the one before, so every piece is a page of its own size, and no
 * record of the window is skipped or asked for twice. A record that cannot be read alone is kept as a
 * {@link FreshdeskPage.BadRecord} (its bytes, shortened, with the URL that names it and the parser's reason). The
 * pieces read make up the page as if it had been read whole: the run's page and {@code updated_since}, and the paging
 * that follows, are those of the page of 100.
 * <p>
 * Kept in the exchange property {@value #PROPERTY} while the pieces are read: a piece that fails (a 5xx, a timeout)
 * is asked again by the stream's retry policy, and the isolation goes on from that piece.
 */
public final class PageIsolation {

    public static final String PROPERTY = "freshdeskPageIsolation";
    /** The sizes the window is read in, each dividing the one before (and {@link PreparePageRequest#PER_PAGE}). */
    static final int[] SIZES = {50, 25, 5, 1};
    /** The bytes of a record that cannot be read kept in {@code _rejected}, at most. */
    static final int KEPT_BYTES = 64 * 1024;

    /** A piece of the window: {@code size} records from {@code offset} of the query, asked as one page. */
    record Piece(int offset, int size) {
        int page() {
            return offset / size + 1;
        }
    }

    private final String pageUrl;
    private final Deque<Piece> pieces = new ArrayDeque<>();
    private final List<JsonNode> records = new ArrayList<>();
    private final List<byte[]> texts = new ArrayList<>();
    private final List<FreshdeskPage.BadRecord> bad = new ArrayList<>();
    private String link;
    private int requests;

    /**
     * @param page the query's page (of {@link PreparePageRequest#PER_PAGE}) that could not be read, at {@code pageUrl}
     */
    PageIsolation(int page, String pageUrl) {
        this.pageUrl = pageUrl;
        split(new Piece((page - 1) * PreparePageRequest.PER_PAGE, PreparePageRequest.PER_PAGE));
    }

    /** The piece to ask for next; null when the window is read. */
    Piece current() {
        return pieces.peekFirst();
    }

    public boolean hasMore() {
        return !pieces.isEmpty();
    }

    /** The URL of the page of 100 being read in pieces. */
    String pageUrl() {
        return pageUrl;
    }

    /** The pieces asked for so far. */
    int requests() {
        return requests;
    }

    /** The current piece was read: its records (and the text each came in, or null), and its {@code Link} header. */
    void read(List<JsonNode> pieceRecords, List<byte[]> pieceTexts, String linkHeader) {
        Piece piece = pieces.removeFirst();
        requests++;
        link = linkHeader;
        for (int i = 0; i < pieceRecords.size(); i++) {
            records.add(pieceRecords.get(i));
            texts.add(pieceTexts == null
                    ? pieceRecords.get(i).toString().getBytes(StandardCharsets.UTF_8)
                    : pieceTexts.get(i));
        }
        if (pieceRecords.size() < piece.size()) {
            // the list ends within this piece: the pieces after it are empty
            pieces.clear();
        }
    }

    /**
     * The current piece could not be read ({@code reason}): a piece of one record is that record, kept as bad with
     * the bytes read ({@code raw}, may be null) and its URL; a larger one is asked for again in smaller pieces.
     *
     * @return the record set apart, or null when the piece was split
     */
    FreshdeskPage.BadRecord unreadable(String reason, byte[] raw, String url, String linkHeader) {
        Piece piece = pieces.removeFirst();
        requests++;
        link = linkHeader;
        if (piece.size() > 1) {
            split(piece);
            return null;
        }
        FreshdeskPage.BadRecord record = new FreshdeskPage.BadRecord(reason, kept(raw), url);
        bad.add(record);
        return record;
    }

    private void split(Piece piece) {
        int size = smaller(piece.size());
        for (int offset = piece.offset() + piece.size() - size; offset >= piece.offset(); offset -= size) {
            pieces.addFirst(new Piece(offset, size));
        }
    }

    private static int smaller(int size) {
        for (int candidate : SIZES) {
            if (candidate < size && size % candidate == 0) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no smaller page than " + size);
    }

    /** The record's bytes, as text (an invalid byte shows as U+FFFD), shortened to {@value #KEPT_BYTES} bytes. */
    private static String kept(byte[] raw) {
        if (raw == null) {
            return "";
        }
        if (raw.length <= KEPT_BYTES) {
            return new String(raw, StandardCharsets.UTF_8);
        }
        return new String(raw, 0, KEPT_BYTES, StandardCharsets.UTF_8) + "… (" + raw.length + " bytes, shortened)";
    }

    /**
     * The records' texts laid out as one array, {@code [a,b,...]}, with where each lies: the page's bytes and places
     * ({@link PageJson#elementTexts}) as if it had come whole.
     */
    PageJson pageWithTexts(ByteArrayOutputStream bytes) {
        int[] starts = new int[texts.size()];
        int[] ends = new int[texts.size()];
        bytes.write('[');
        for (int i = 0; i < texts.size(); i++) {
            if (i > 0) {
                bytes.write(',');
            }
            starts[i] = bytes.size();
            bytes.writeBytes(texts.get(i));
            ends[i] = bytes.size();
        }
        bytes.write(']');
        ArrayNode array = JsonNodeFactory.instance.arrayNode(records.size());
        records.forEach(array::add);
        return new PageJson(array, starts, ends);
    }

    /** The {@code Link} header of the last piece: whether the list goes on past the window. */
    String link() {
        return link;
    }

    /** The records that could not be read alone. */
    List<FreshdeskPage.BadRecord> bad() {
        return bad;
    }
}
