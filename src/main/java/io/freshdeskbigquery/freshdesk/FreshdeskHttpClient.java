package io.freshdeskbigquery.freshdesk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.camel.component.http.CompositeHttpConfigurer;
import org.apache.camel.component.http.HttpClientConfigurer;

/**
 * The HTTP client the page route talks to Freshdesk with (camel-http's {@code httpClientConfigurer}, set in
 * application.properties): every request under its total deadline ({@link RequestDeadline},
 * {@code freshdesk.timeout.request}), every answer counted against {@code freshdesk.max-page-bytes} while it is read
 * ({@link PageSizeCap}). Camel's {@link CompositeHttpConfigurer} applies both.
 */
@ApplicationScoped
public class FreshdeskHttpClient {

    @Produces
    @Singleton
    @Named("freshdeskHttpClient")
    HttpClientConfigurer configurer(RequestDeadline deadline, PageSizeCap sizeCap) {
        return CompositeHttpConfigurer.combineConfigurers(deadline, sizeCap);
    }
}
