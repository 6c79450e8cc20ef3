package dev.modelport.registry.support;

import static dev.modelport.registry.support.Api.as;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A licence offer with sensible defaults: everything allowed, ten years, a custom licence text, 1000 USD. */
public final class OfferBuilder {

    private final String model;
    private boolean fineTuning = true;
    private boolean quantization = true;
    private boolean distribution = true;
    private Instant termStart = Instant.now().minus(1, ChronoUnit.DAYS);
    private Instant termEnd = Instant.now().plus(3650, ChronoUnit.DAYS);
    private String spdxId;
    private String from = "1.0.0";
    private long deviceCap = 100_000;

    private OfferBuilder(String model) {
        this.model = model;
    }

    /** An offer on {@code owner/model}. */
    public static OfferBuilder on(String model) {
        return new OfferBuilder(model);
    }

    public OfferBuilder fineTuning(boolean allowed) {
        this.fineTuning = allowed;
        return this;
    }

    public OfferBuilder quantization(boolean allowed) {
        this.quantization = allowed;
        return this;
    }

    public OfferBuilder distribution(boolean allowed) {
        this.distribution = allowed;
        return this;
    }

    public OfferBuilder endsAt(Instant end) {
        this.termEnd = end;
        return this;
    }

    public OfferBuilder openLicence(String spdx) {
        this.spdxId = spdx;
        return this;
    }

    public OfferBuilder deviceCap(long cap) {
        this.deviceCap = cap;
        return this;
    }

    public OfferBuilder fromVersion(String version) {
        this.from = version;
        return this;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Offer " + Api.unique("terms"));
        body.put("versions", Map.of("from", from));
        body.put("allows", Map.of("fineTuning", fineTuning, "quantization", quantization,
                "deviceDistribution", distribution));
        body.put("deviceCap", deviceCap);
        body.put("territories", List.of("CN", "EU", "US"));
        body.put("termStart", termStart.toString());
        body.put("termEnd", termEnd.toString());
        body.put("fee", spdxId == null ? "1000.00" : "0");
        body.put("royaltyPerActivation", spdxId == null ? "0.02" : "0");
        body.put("currency", "USD");
        body.put("attribution", "Built on " + model);
        if (spdxId == null) {
            body.put("licenceTextDigest", "sha256:" + "ab".repeat(32));
        } else {
            body.put("spdxId", spdxId);
        }
        return body;
    }

    /** Creates the offer as {@code vendorUser}; returns its id. */
    public String create(String vendorUser) {
        return as(vendorUser).body(body()).post("/api/v1/models/" + model + "/offers").then().statusCode(201)
                .extract().path("id");
    }
}
