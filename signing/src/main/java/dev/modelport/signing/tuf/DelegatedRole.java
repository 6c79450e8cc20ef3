package dev.modelport.signing.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.internal.Json;
import dev.modelport.signing.internal.Sha256;
import dev.modelport.signing.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A delegation (TUF §4.5 DELEGATIONS.roles[]): a named role with keys and threshold, trusted only
 * for target paths matching {@code paths} (shell globs where '*' and '?' never match '/') or
 * {@code pathHashPrefixes}; exactly one of the two is set.
 */
public record DelegatedRole(
    String name, Role keys, List<String> paths, List<String> pathHashPrefixes, boolean terminating) {

  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  public DelegatedRole {
    Objects.requireNonNull(keys, "keys");
    // Role names become file names (N.<name>.json), so only a safe alphabet is allowed.
    if (name == null || !SAFE_NAME.matcher(name).matches() || RootMetadata.TOP_LEVEL_ROLES.contains(name)) {
      throw new MalformedJsonException("bad delegated role name: " + name);
    }
    if ((paths == null) == (pathHashPrefixes == null)) {
      throw new MalformedJsonException("delegation " + name + " needs exactly one of paths, path_hash_prefixes");
    }
    paths = paths == null ? null : List.copyOf(paths);
    pathHashPrefixes = pathHashPrefixes == null ? null : List.copyOf(pathHashPrefixes);
  }

  /** A delegation by path patterns. */
  public static DelegatedRole ofPaths(String name, Role keys, List<String> paths, boolean terminating) {
    return new DelegatedRole(name, keys, paths, null, terminating);
  }

  /** True if this delegation trusts the role for {@code targetPath}. */
  public boolean isTrustedFor(String targetPath) {
    if (paths != null) {
      return paths.stream().anyMatch(p -> globMatches(p, targetPath));
    }
    String digest = Sha256.hex(targetPath.getBytes(StandardCharsets.UTF_8));
    return pathHashPrefixes.stream().anyMatch(digest::startsWith);
  }

  /** Segment-wise shell glob, so wildcards never cross a '/' (TUF §4.5 PATHPATTERN). */
  static boolean globMatches(String pattern, String path) {
    String[] ps = pattern.split("/", -1);
    String[] ts = path.split("/", -1);
    if (ps.length != ts.length) {
      return false;
    }
    for (int i = 0; i < ps.length; i++) {
      StringBuilder re = new StringBuilder();
      for (char c : ps[i].toCharArray()) {
        re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
      }
      if (!Pattern.matches(re.toString(), ts[i])) {
        return false;
      }
    }
    return true;
  }

  ObjectNode toJson() {
    ObjectNode o = keys.toJson().put("name", name).put("terminating", terminating);
    ArrayNode list = o.putArray(paths != null ? "paths" : "path_hash_prefixes");
    (paths != null ? paths : pathHashPrefixes).forEach(list::add);
    return o;
  }

  static DelegatedRole fromJson(JsonNode o) {
    return new DelegatedRole(Json.text(o, "name"), Role.fromJson(o), strings(o, "paths"),
        strings(o, "path_hash_prefixes"), Json.bool(o, "terminating", false));
  }

  private static List<String> strings(JsonNode o, String field) {
    if (!o.has(field)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    Json.array(o, field).forEach(v -> {
      if (!v.isTextual()) {
        throw new MalformedJsonException(field + " entries must be strings");
      }
      out.add(v.textValue());
    });
    return out;
  }
}
