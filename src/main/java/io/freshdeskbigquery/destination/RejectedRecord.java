package io.freshdeskbigquery.destination;

/** A record the loader could not use, kept with the reason so that nothing fetched is silently dropped. */
public record RejectedRecord(String stream, String pageUrl, String reason, String raw, String syncRunId) {
}
