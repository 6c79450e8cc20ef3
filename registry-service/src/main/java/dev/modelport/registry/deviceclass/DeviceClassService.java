package dev.modelport.registry.deviceclass;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DeviceClassService {

    @Inject
    DeviceClassRepository classes;

    @Inject
    Clock clock;

    @Transactional
    public DeviceClassView create(String slug, DeviceClassSpec spec) {
        check(spec);
        if (classes.findBySlug(slug).isPresent()) {
            throw new DomainException(ErrorCode.DUPLICATE_SLUG, "device class '" + slug + "' exists");
        }
        DeviceClassEntity entity = new DeviceClassEntity();
        entity.id = UUID.randomUUID();
        entity.slug = slug;
        entity.createdAt = clock.instant();
        entity.apply(spec, entity.createdAt);
        classes.persistAndFlush(entity);
        return entity.view();
    }

    @Transactional
    public DeviceClassView update(String slug, DeviceClassSpec spec) {
        check(spec);
        DeviceClassEntity entity = load(slug);
        entity.apply(spec, clock.instant());
        return entity.view();
    }

    @Transactional
    public DeviceClassView get(String slug) {
        return load(slug).view();
    }

    @Transactional
    public Page<DeviceClassView> list(String cursor, int limit) {
        List<DeviceClassView> rows = classes.pageAfter(Cursor.decode(cursor), limit + 1).stream()
                .map(DeviceClassEntity::view).toList();
        return Page.of(rows, limit, DeviceClassView::slug);
    }

    /** The id of device class {@code slug}, for features that reference it by foreign key (builds). */
    @Transactional
    public UUID idOf(String slug) {
        return load(slug).id;
    }

    /** The slug of a device class by id, for features that store ids (builds). */
    @Transactional
    public String slugOf(UUID id) {
        return classes.findByIdOptional(id).map(c -> c.slug)
                .orElseThrow(() -> DomainException.notFound("device class " + id));
    }

    private DeviceClassEntity load(String slug) {
        return classes.findBySlug(slug).orElseThrow(() -> DomainException.notFound("device class " + slug));
    }

    /** Rules across fields, which bean validation on single fields cannot state. */
    private static void check(DeviceClassSpec spec) {
        if (spec.memoryBudgetBytes() > spec.ramBytes()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "memoryBudgetBytes (" + spec.memoryBudgetBytes()
                    + ") cannot exceed ramBytes (" + spec.ramBytes() + ")");
        }
        if (spec.runtimeMaxVersion() != null && RuntimeVersion.number(spec.runtimeMaxVersion())
                < RuntimeVersion.number(spec.runtimeMinVersion())) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "runtimeMaxVersion "
                    + spec.runtimeMaxVersion() + " is below runtimeMinVersion " + spec.runtimeMinVersion());
        }
    }
}
