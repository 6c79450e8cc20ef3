package dev.modelport.gguf.llama;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Runs in a child JVM started by {@link LlamaCppLoadsQuantizedOutputTest}, because
 * de.kherud:llama 4.1.0 cannot free a model and its native threads keep a JVM alive. Arguments:
 * {@code N_PREDICT PROMPT... -- MODEL...}. For every model and prompt it greedily generates and
 * prints {@code TEXT <model index> <prompt index> <base64 of the UTF-8 text>}, then exits hard.
 */
public final class LlamaGenerateChild {
    private LlamaGenerateChild() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            int nPredict = Integer.parseInt(args[0]);
            int sep = List.of(args).indexOf("--");
            List<String> prompts = List.of(args).subList(1, sep);
            List<String> models = List.of(args).subList(sep + 1, args.length);
            LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> { });
            for (int m = 0; m < models.size(); m++) {
                List<String> texts = generate(models.get(m), prompts, nPredict);
                for (int p = 0; p < texts.size(); p++) {
                    System.out.println("TEXT " + m + " " + p + " "
                            + Base64.getEncoder().encodeToString(texts.get(p).getBytes(StandardCharsets.UTF_8)));
                }
                System.out.flush();
            }
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static List<String> generate(String path, List<String> prompts, int nPredict) {
        // Never closed: close() frees nothing in 4.1.0, and the process exits right after.
        LlamaModel llama = new LlamaModel(new ModelParameters()
                .setModel(path)
                .setCtxSize(128)
                .setThreads(2)
                .setGpuLayers(0));
        List<String> texts = new ArrayList<>();
        for (String prompt : prompts) {
            // Greedy: temperature 0 and top-k 1; EOS ignored so every run yields nPredict tokens.
            texts.add(llama.complete(new InferenceParameters(prompt)
                    .setCachePrompt(false)
                    .setTemperature(0f)
                    .setTopK(1)
                    .setRepeatPenalty(1f)
                    .setIgnoreEos(true)
                    .setNPredict(nPredict)));
        }
        return texts;
    }
}
