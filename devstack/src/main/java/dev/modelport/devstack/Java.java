package dev.modelport.devstack;

import java.nio.file.Path;

/** The JVM that runs the launcher also runs the services it starts. */
final class Java {

    private Java() {
    }

    static String binary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
