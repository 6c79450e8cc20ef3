package dev.modelport.registry.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.modelport.registry.device.DeviceAuthenticated;
import dev.modelport.registry.device.DeviceContext;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /device/v1/reports}: a device's events, stored idempotently by event id and acknowledged only once
 * committed. The device is the token's; events name no device.
 */
@Path("/device/v1/reports")
public class ReportResource {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReportRequest(@NotEmpty @Size(max = 100) List<@Valid @NotNull ReportEvent> events) {
    }

    public record ReportResponse(List<String> acknowledged) {
    }

    @Inject
    ReportWriter writer;

    @Inject
    DeviceContext device;

    @POST
    @DeviceAuthenticated
    public CompletionStage<ReportResponse> report(@Valid @NotNull ReportRequest request) {
        return writer.submit(device.deviceId(), device.ownerId(), request.events()).thenApply(ReportResponse::new);
    }
}
