package dev.modelport.registry.licensing;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
class OrderRepository implements PanacheRepositoryBase<OrderEntity, UUID> {
}
