package dev.modelport.registry.deviceclass;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "device_class")
class DeviceClassEntity {

    @Id
    UUID id;

    @Column(nullable = false, length = 64)
    String slug;

    @Column(nullable = false, length = 200)
    String name;

    @Column(name = "soc_family", nullable = false, length = 64)
    String socFamily;

    @Column(nullable = false, length = 32)
    String abi;

    @Column(name = "ram_bytes", nullable = false)
    long ramBytes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    Accelerator accelerator;

    @Column(name = "runtime_name", nullable = false, length = 64)
    String runtimeName;

    @Column(name = "runtime_min_version", nullable = false, length = 32)
    String runtimeMinVersion;

    @Column(name = "runtime_max_version", length = 32)
    String runtimeMaxVersion;

    @Column(name = "memory_budget_bytes", nullable = false)
    long memoryBudgetBytes;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Version
    long version;

    void apply(DeviceClassSpec spec, Instant now) {
        name = spec.name();
        socFamily = spec.socFamily();
        abi = spec.abi();
        ramBytes = spec.ramBytes();
        accelerator = spec.accelerator();
        runtimeName = spec.runtimeName();
        runtimeMinVersion = spec.runtimeMinVersion();
        runtimeMaxVersion = spec.runtimeMaxVersion();
        memoryBudgetBytes = spec.memoryBudgetBytes();
        updatedAt = now;
    }

    DeviceClassView view() {
        return new DeviceClassView(slug, new DeviceClassSpec(name, socFamily, abi, ramBytes, accelerator, runtimeName,
                runtimeMinVersion, runtimeMaxVersion, memoryBudgetBytes), createdAt, updatedAt);
    }
}
