package io.freshdeskbigquery.destination.bigquery.graal;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

/**
 * Native image only (ignored on the JVM): the Google Cloud client's default HTTP transport factory picks App Engine's
 * URL-fetch transport when it runs on App Engine, and its code names App Engine classes that are not on the classpath;
 * a native image (linked at build time) would fail on them. The loader never runs on App Engine: the factory always
 * makes the JDK-based transport. The Camel Quarkus BigQuery extension carries the same substitution
 * (docs/native.md).
 */
@TargetClass(className = "com.google.cloud.http.HttpTransportOptions$DefaultHttpTransportFactory")
final class DefaultHttpTransportFactorySubstitution {

    @Substitute
    public HttpTransport create() {
        return new NetHttpTransport();
    }
}
