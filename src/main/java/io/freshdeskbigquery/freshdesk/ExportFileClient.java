package io.freshdeskbigquery.freshdesk;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import io.quarkus.runtime.configuration.ConfigUtils;
import org.apache.camel.component.http.CompositeHttpConfigurer;
import org.apache.camel.component.http.HttpClientConfigurer;

/**
 * How the file behind an export's link is fetched ({@code freshdesk.export.*}). The link is signed (its query carries
 * the signature) and points at another host than Freshdesk's API (a storage bucket), so the request carries no API key
 * and no header of the loader's own. Its HTTP client ({@value #CONFIGURER}, the file endpoint's
 * {@code httpClientConfigurer}) has the page requests' deadline ({@link RequestDeadline}), a cap of its own on the
 * bytes of one file ({@value #MAX_FILE_BYTES}) and follows no redirect: a redirect could lead to a host the link
 * check below never saw.
 * <p>
 * A link is followed only to {@code https} and a host whose every address is public: not a loopback, private,
 * link-local, shared (100.64/10), unique-local or multicast one. {@value #ALLOW_LOCAL_LINKS} lifts that for dev mode
 * and tests (the simulator serves its files on the application's own plain-http port); a production build's profile
 * refuses that setting at the start.
 */
@ApplicationScoped
public class ExportFileClient {

    /** The file endpoint's {@code httpClientConfigurer}. */
    public static final String CONFIGURER = "exportFileHttpClient";
    static final String MAX_FILE_BYTES = "freshdesk.export.max-file-bytes";
    static final String ALLOW_LOCAL_LINKS = "freshdesk.export.allow-local-links";

    private final PageSizeCap fileCap;
    private final boolean allowLocalLinks;

    @Inject
    public ExportFileClient(FreshdeskConfig config) {
        this(config.export().maxFileBytes(), config.export().allowLocalLinks(), ConfigUtils.getProfiles());
    }

    ExportFileClient(long maxFileBytes, boolean allowLocalLinks, List<String> profiles) {
        this.fileCap = new PageSizeCap(MAX_FILE_BYTES, maxFileBytes);
        if (allowLocalLinks && profiles.contains("prod")) {
            throw new IllegalStateException(ALLOW_LOCAL_LINKS + "=true is for dev mode and tests (a link to plain"
                    + " http or to a private address, as the simulator's); a production build refuses it: remove it");
        }
        this.allowLocalLinks = allowLocalLinks;
    }

    /** The limit, as messages name it: {@code freshdesk.export.max-file-bytes (67108864 bytes)}. */
    public String limit() {
        return fileCap.limit();
    }

    @Produces
    @Singleton
    @Named(CONFIGURER)
    HttpClientConfigurer configurer(RequestDeadline deadline) {
        return CompositeHttpConfigurer.combineConfigurers(
                CompositeHttpConfigurer.combineConfigurers(deadline, fileCap),
                builder -> builder.disableRedirectHandling());
    }

    /**
     * The link as a URI, when it may be followed; otherwise an {@link ExportLinkRefused} that names its scheme, host
     * and path (never its query: the signature).
     *
     * @throws UnknownHostException when its host does not resolve (retried like a connection that fails)
     */
    public URI check(String link) throws UnknownHostException {
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException e) {
            throw new ExportLinkRefused("the export's link is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new ExportLinkRefused("the export's link is not an http(s) URL: " + shown(uri));
        }
        if (allowLocalLinks) {
            return uri;
        }
        if (!scheme.equals("https")) {
            throw new ExportLinkRefused("the export's link is plain http, not https: " + shown(uri)
                    + "; refused (" + ALLOW_LOCAL_LINKS + " allows it in dev mode and tests)");
        }
        for (InetAddress address : InetAddress.getAllByName(host)) {
            if (!isPublic(address)) {
                throw new ExportLinkRefused("the export's link leads to " + address.getHostAddress()
                        + ", a loopback or private address: " + shown(uri) + "; refused (" + ALLOW_LOCAL_LINKS
                        + " allows it in dev mode and tests)");
            }
        }
        return uri;
    }

    /** The link without its query (the signature): scheme, host, port and path. */
    public static String shown(URI uri) {
        return uri.getScheme() + ":" + (uri.getRawAuthority() == null ? "" : "//" + uri.getRawAuthority())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 0/8 (this network), 100.64/10 (shared address space, carrier NAT), 192.0.0/24, 198.18/15 (benchmarks)
            return first != 0 && !(first == 100 && second >= 64 && second < 128)
                    && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
                    && !(first == 198 && (second == 18 || second == 19)) && first < 240;
        }
        if (address instanceof Inet6Address) {
            // fc00::/7, unique local
            return (bytes[0] & 0xfe) != 0xfc;
        }
        return true;
    }

    /** A link the loader does not follow: not http(s), plain http, or to a private address. Not retried. */
    public static class ExportLinkRefused extends RuntimeException {
        public ExportLinkRefused(String message) {
            super(message);
        }
    }
}
