package dev.modelport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./modelport publish}: uploads weight files (resumably, with a progress bar), then creates or updates the
 * draft version that holds them, declares its lineage, and publishes it when asked. Run it again after an
 * interruption: uploads continue from the server's offset and the draft is updated, not duplicated.
 */
public final class Publish {

    static final String USAGE = """
            Usage: ./modelport publish --model OWNER/MODEL --version 1.2.3 --file weights.gguf [options]

              --file PATH              a GGUF weight file (repeatable)
              --card PATH              Markdown model card
              --training-data TEXT     training-data summary
              --parent OWNER/MODEL@V:RELATION   declared parent, e.g. acme-ai/base@1.0.0:FINETUNE (repeatable)
              --publish                publish the version after registering it
              --create-model KIND      create the model line first if it does not exist (BASE, FINETUNE, ...)
              --architecture NAME      with --create-model (default: from the GGUF header)
              --parameters N           with --create-model
              --context-length N       with --create-model (default 4096)
              --visibility PUBLIC|PRIVATE  with --create-model (default PRIVATE)
              --chunk-size BYTES       bytes per upload request (default 256M; K, M, G suffixes)

            Login (flags or environment):
              --api URL                MODELPORT_API (default http://localhost:8080)
              --realm URL              MODELPORT_REALM (default http://localhost:8180/realms/modelport)
              --user NAME --password P MODELPORT_USER / MODELPORT_PASSWORD (password grant, client modelport-cli)
              --client-id ID --client-secret S   MODELPORT_CLIENT_ID / MODELPORT_CLIENT_SECRET (service account)
            """;

    private final Map<String, List<String>> options;
    private final PrintStream out;
    private final boolean tty;

    Publish(Map<String, List<String>> options, PrintStream out, boolean tty) {
        this.options = options;
        this.out = out;
        this.tty = tty;
    }

    public static void main(String[] args) {
        try {
            int exit = run(args, System.out, Progress.isTerminal());
            System.exit(exit);
        } catch (IllegalArgumentException e) {
            System.err.println("modelport publish: " + e.getMessage());
            System.err.println();
            System.err.print(USAGE);
            System.exit(2);
        } catch (ApiException e) {
            System.err.println("modelport publish: refused (" + e.status() + (e.code() == null ? "" : " " + e.code())
                    + "): " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("modelport publish: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs the command; returns the exit code. Used by tests with their own output stream. */
    public static int run(String[] args, PrintStream out, boolean tty) throws Exception {
        Map<String, List<String>> options = parse(args);
        if (options.containsKey("help")) {
            out.print(USAGE);
            return 0;
        }
        return new Publish(options, out, tty).run();
    }

    int run() throws Exception {
        String model = required("model");
        String[] ownerModel = model.split("/", 2);
        if (ownerModel.length != 2) {
            throw new IllegalArgumentException("--model must be OWNER/MODEL");
        }
        String version = required("version");
        List<String> files = options.getOrDefault("file", List.of());
        if (files.isEmpty()) {
            throw new IllegalArgumentException("give at least one --file");
        }
        Api api = new Api(option("api", "MODELPORT_API", "http://localhost:8080"), login());
        Uploader uploader = new Uploader(api, size(option("chunk-size", null, "256M")), 8);

        ArrayNode artifacts = Api.JSON.createArrayNode();
        String architecture = null;
        for (String name : files) {
            Path file = Path.of(name);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            long size = Files.size(file);
            Progress hashing = new Progress(out, tty, "hashing   " + file.getFileName(), size);
            String digest = Uploader.sha256(file, hashing::update);
            hashing.finish(size);
            Progress sending = new Progress(out, tty, "uploading " + file.getFileName(), size);
            Uploader.Result result = uploader.upload(file, digest, size, sending::update);
            sending.finish(size);
            if (result.resumedFrom() == size) {
                out.println("  the server already has this file");
            } else if (result.resumedFrom() > 0) {
                out.println("  resumed from byte " + result.resumedFrom() + " that the server already had");
            }
            JsonNode blob = result.blob();
            architecture = blob.get("architecture").asText();
            out.println("  " + digest + "  " + blob.get("format").asText() + " " + architecture + ", "
                    + blob.get("tensorCount").asLong() + " tensors");
            ObjectNode artifact = artifacts.addObject();
            artifact.put("digest", digest);
            artifact.put("fileName", file.getFileName().toString());
        }

        String modelPath = "/api/v1/models/" + ownerModel[0] + "/" + ownerModel[1];
        ensureModel(api, modelPath, ownerModel[1], architecture);
        JsonNode saved = saveDraft(api, modelPath, version, artifacts);
        if (options.containsKey("parent")) {
            declareParents(api, modelPath + "/versions/" + version);
        }
        if (options.containsKey("publish") && "DRAFT".equals(saved.get("status").asText())) {
            saved = api.post(modelPath + "/versions/" + version + "/publish", Map.of());
        }
        out.println(model + "@" + version + " is " + saved.get("status").asText());
        return 0;
    }

    private void ensureModel(Api api, String modelPath, String slug, String architecture) {
        try {
            api.get(modelPath);
        } catch (ApiException e) {
            if (e.status() != 404 || !options.containsKey("create-model")) {
                throw e;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("slug", slug);
            body.put("name", slug);
            body.put("kind", required("create-model"));
            body.put("architecture", option("architecture", null, architecture));
            body.put("parameterCount", Long.parseLong(required("parameters")));
            body.put("contextLength", Integer.parseInt(option("context-length", null, "4096")));
            body.put("visibility", option("visibility", null, "PRIVATE"));
            api.post(modelPath.substring(0, modelPath.lastIndexOf('/', modelPath.lastIndexOf('/') - 1)), body);
            out.println("created model " + modelPath.substring("/api/v1/models/".length()));
        }
    }

    /** Creates the draft, or updates it with the new artifacts added to those it has. */
    private JsonNode saveDraft(Api api, String modelPath, String version, ArrayNode artifacts) throws Exception {
        String card = options.containsKey("card")
                ? Files.readString(Path.of(options.get("card").get(0)), StandardCharsets.UTF_8) : null;
        String training = option("training-data", null, null);
        JsonNode existing;
        try {
            existing = api.get(modelPath + "/versions/" + version);
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            ObjectNode body = Api.JSON.createObjectNode();
            body.put("version", version);
            body.put("modelCard", card == null ? "" : card);
            body.put("trainingData", training == null ? "" : training);
            body.set("artifacts", artifacts);
            out.println("registered draft " + version);
            return api.post(modelPath + "/versions", body);
        }
        if (!"DRAFT".equals(existing.get("status").asText())) {
            throw new IllegalStateException("version " + version + " is " + existing.get("status").asText()
                    + " and cannot change; choose a new version number");
        }
        ArrayNode merged = Api.JSON.createArrayNode();
        List<String> digests = new ArrayList<>();
        artifacts.forEach(a -> digests.add(a.get("digest").asText()));
        existing.get("artifacts").forEach(a -> {
            if (!digests.contains(a.get("digest").asText())) {
                merged.addObject().put("digest", a.get("digest").asText()).put("fileName", a.get("fileName").asText());
            }
        });
        merged.addAll(artifacts);
        ObjectNode body = Api.JSON.createObjectNode();
        body.put("modelCard", card != null ? card : existing.get("modelCard").asText());
        body.put("trainingData", training != null ? training : existing.get("trainingData").asText());
        body.set("artifacts", merged);
        out.println("updated draft " + version);
        return api.put(modelPath + "/versions/" + version, body);
    }

    private void declareParents(Api api, String versionPath) {
        ArrayNode parents = Api.JSON.createArrayNode();
        for (String parent : options.get("parent")) {
            int colon = parent.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("--parent must be OWNER/MODEL@VERSION:RELATION, got " + parent);
            }
            parents.addObject().put("version", parent.substring(0, colon)).put("relation", parent.substring(colon + 1));
        }
        api.put(versionPath + "/lineage", Map.of("parents", parents));
        out.println("declared " + parents.size() + " parent(s)");
    }

    private java.util.function.Supplier<String> login() {
        String realm = option("realm", "MODELPORT_REALM", "http://localhost:8180/realms/modelport");
        String clientId = option("client-id", "MODELPORT_CLIENT_ID", null);
        if (clientId != null) {
            return Login.clientCredentials(realm, clientId, requiredOrEnv("client-secret", "MODELPORT_CLIENT_SECRET"));
        }
        return Login.password(realm, requiredOrEnv("user", "MODELPORT_USER"),
                requiredOrEnv("password", "MODELPORT_PASSWORD"));
    }

    private String option(String name, String env, String fallback) {
        List<String> values = options.get(name);
        if (values != null && !values.isEmpty()) {
            return values.get(0);
        }
        String fromEnv = env == null ? null : System.getenv(env);
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : fallback;
    }

    private String required(String name) {
        String value = option(name, null, null);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private String requiredOrEnv(String name, String env) {
        String value = option(name, env, null);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " (or " + env + ") is required");
        }
        return value;
    }

    static long size(String text) {
        String t = text.trim().toUpperCase();
        long unit = 1;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                default -> 1L << 30;
            };
            t = t.substring(0, t.length() - 1);
        }
        long value = Long.parseLong(t) * unit;
        if (value <= 0) {
            throw new IllegalArgumentException("--chunk-size must be positive");
        }
        return value;
    }

    static Map<String, List<String>> parse(String[] args) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            boolean flag = name.equals("publish") || name.equals("help");
            if (flag) {
                options.computeIfAbsent(name, k -> new ArrayList<>());
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            options.computeIfAbsent(name, k -> new ArrayList<>()).add(args[++i]);
        }
        return options;
    }
}
