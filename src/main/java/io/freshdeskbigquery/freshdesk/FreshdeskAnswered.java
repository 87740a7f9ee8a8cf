package io.freshdeskbigquery.freshdesk;

/** CDI event: Freshdesk answered a request of this stream (any status): whoever watches runs knows it is alive. */
public record FreshdeskAnswered(String stream, int status) {
}
