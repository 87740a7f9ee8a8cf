package io.freshdeskbigquery.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.sync.settings.SyncSettings;
import io.quarkus.arc.Unremovable;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.CamelContextCustomizer;
import org.quartz.Scheduler;

/**
 * Quartz's worker threads for the streams' schedules: one a scheduled stream, whose run holds it while the run lasts,
 * and one more for a fire that finds its stream's run still going (and is skipped). Quartz's own 10 (its
 * {@code org/quartz/quartz.properties}, whose other settings stay) were fewer than the streams of
 * {@code sync.streams=all}: with a long run or two going, the other streams' fires waited, late, for a thread, and a
 * late fire then ran right after the run before it.
 */
@ApplicationScoped
@Unremovable // found by Camel as a customizer, injected nowhere
public class QuartzThreads implements CamelContextCustomizer {

    static final String THREAD_COUNT = "org.quartz.threadPool.threadCount";

    @Inject
    SyncSettings settings;

    @Override
    public void configure(CamelContext camel) {
        if (settings.once() || settings.check()) {
            return; // no schedules
        }
        Map<String, Object> properties = new HashMap<>();
        quartzDefaults().forEach((key, value) -> properties.put((String) key, value));
        properties.put(THREAD_COUNT, Integer.toString(threads()));
        camel.getComponent("quartz", QuartzComponent.class).setProperties(properties);
    }

    /** A thread a scheduled stream, and one more. */
    int threads() {
        return settings.streams().size() + 1;
    }

    private static Properties quartzDefaults() {
        Properties defaults = new Properties();
        try (InputStream in = Scheduler.class.getClassLoader().getResourceAsStream("org/quartz/quartz.properties")) {
            if (in != null) {
                defaults.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read Quartz's own org/quartz/quartz.properties", e);
        }
        return defaults;
    }
}
