package dev.modelport.ota;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build's guard for the Android-friendly core: no class in {@code dev.modelport.ota} or
 * {@code dev.modelport.ota.internal..} refers to an API Android lacks or a desktop-only part of
 * this module. It reads the compiled classes' constant pools, where every referenced class name
 * appears.
 */
class AndroidCompatibilityTest {
  private static final List<String> FORBIDDEN = List.of(
      "java/net/http/", // Android has HttpURLConnection, not java.net.http
      "com/sun/", "sun/", // JDK internals, e.g. com.sun.net.httpserver
      "java/lang/ProcessBuilder", "java/lang/ProcessHandle", // no child processes in an app
      "java/awt/", "javax/swing/", "javax/management/", "java/lang/management/",
      "io/quarkus/", "jakarta/", "de/kherud/",
      "dev/modelport/ota/agent/", "dev/modelport/ota/runtime/");

  @Test
  void coreClassesUseOnlyApisAndroidHas() throws Exception {
    Path classes = Paths.get(OtaClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path core = classes.resolve("dev/modelport/ota");
    List<String> violations = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(core)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        String rel = core.relativize(f).toString().replace('\\', '/');
        if (rel.startsWith("agent/") || rel.startsWith("runtime/")) {
          continue;
        }
        checked++;
        String pool = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        for (String bad : FORBIDDEN) {
          if (pool.contains(bad)) {
            violations.add(rel + " refers to " + bad);
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(30);
    assertThat(violations).isEmpty();
  }

  @Test
  void publicPackageStaysSmall() throws Exception {
    Path classes = Paths.get(OtaClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (Stream<Path> files = Files.list(classes.resolve("dev/modelport/ota"))) {
      long topLevel = files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
          .count();
      assertThat(topLevel).as("top-level classes in dev.modelport.ota").isLessThanOrEqualTo(30);
    }
  }
}
