package io.freshdeskbigquery.deploy;

import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.json.GenericJson;
import com.google.api.services.bigquery.model.Job;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's native-image metadata ({@code META-INF/native-image/io.freshdeskbigquery/freshdesk-bigquery/}) against
 * the jars the build really uses: every class, method and field it names exists with that signature (a driver or
 * client upgrade that changes them fails here, not in a native binary), and the BigQuery REST model is registered
 * whole.
 */
class NativeMetadataTest {

    static final String DIR = "META-INF/native-image/io.freshdeskbigquery/freshdesk-bigquery/";
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode config(String file) throws Exception {
        try (InputStream in = NativeMetadataTest.class.getClassLoader().getResourceAsStream(DIR + file)) {
            assertThat(in).as(DIR + file).isNotNull();
            return JSON.readTree(in);
        }
    }

    @Test
    void everyClassMethodAndFieldDuckDbsJniLibraryLooksUpExistsInTheDriver() throws Exception {
        JsonNode jni = config("jni-config.json");
        assertThat(jni.size()).isGreaterThan(40);
        int members = 0;
        for (JsonNode entry : jni) {
            Class<?> type = Class.forName(entry.path("name").asText(), false, getClass().getClassLoader());
            for (JsonNode method : entry.path("methods")) {
                List<Class<?>> parameters = new ArrayList<>();
                for (JsonNode p : method.path("parameterTypes")) {
                    parameters.add(type(p.asText()));
                }
                Class<?>[] signature = parameters.toArray(Class<?>[]::new);
                if (method.path("name").asText().equals("<init>")) {
                    type.getDeclaredConstructor(signature);
                } else {
                    findMethod(type, method.path("name").asText(), signature);
                }
                members++;
            }
            for (JsonNode field : entry.path("fields")) {
                findField(type, field.path("name").asText());
                members++;
            }
        }
        assertThat(members).isGreaterThan(50);
        JsonNode resources = config("resource-config.json");
        for (JsonNode include : resources.at("/resources/includes")) {
            String name = include.path("pattern").asText().replace("\\Q", "").replace("\\E", "");
            assertThat(getClass().getClassLoader().getResource(name)).as("resource " + name).isNotNull();
        }
    }

    @Test
    void everyBigQueryRestModelClassIsRegisteredForReflection() throws Exception {
        Set<String> registered = new HashSet<>();
        for (JsonNode entry : config("reflect-config.json")) {
            String name = entry.path("name").asText();
            Class.forName(name, false, getClass().getClassLoader());
            registered.add(name);
        }
        String jar = Job.class.getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath();
        List<String> model = new ArrayList<>();
        try (JarFile classes = new JarFile(jar)) {
            classes.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith("com/google/api/services/bigquery/model/") && n.endsWith(".class"))
                    .forEach(n -> model.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
        }
        int checked = 0;
        for (String name : model) {
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (GenericJson.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
                assertThat(registered).as(name).contains(name);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(200);
        assertThat(registered).contains("com.google.api.client.googleapis.json.GoogleJsonErrorContainer");
    }

    static Class<?> type(String name) throws ClassNotFoundException {
        return switch (name) {
            case "boolean" -> boolean.class;
            case "byte" -> byte.class;
            case "short" -> short.class;
            case "int" -> int.class;
            case "long" -> long.class;
            case "float" -> float.class;
            case "double" -> double.class;
            case "char" -> char.class;
            default -> name.endsWith("[]")
                    ? type(name.substring(0, name.length() - 2)).arrayType()
                    : Class.forName(name, false, NativeMetadataTest.class.getClassLoader());
        };
    }

    static void findMethod(Class<?> type, String name, Class<?>[] signature) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod(name, signature);
                return;
            } catch (NoSuchMethodException e) {
                // look in the superclass, as JNI's GetMethodID does
            }
        }
        type.getMethod(name, signature); // interfaces; throws when missing
    }

    static void findField(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                c.getDeclaredField(name);
                return;
            } catch (NoSuchFieldException e) {
                // the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
