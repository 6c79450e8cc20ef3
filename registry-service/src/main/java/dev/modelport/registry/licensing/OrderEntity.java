package dev.modelport.registry.licensing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The record of a purchase with its amounts. Nothing is charged: there is no payment provider. */
@Entity
@Table(name = "purchase_order")
class OrderEntity {

    @Id
    UUID id;

    @Column(name = "offer_id", nullable = false)
    UUID offerId;

    @Column(name = "buyer_id", nullable = false)
    UUID buyerId;

    @Column(name = "seller_id", nullable = false)
    UUID sellerId;

    @Column(nullable = false, precision = 18, scale = 6)
    BigDecimal fee;

    @Column(name = "royalty_per_activation", nullable = false, precision = 18, scale = 6)
    BigDecimal royaltyPerActivation;

    @Column(nullable = false, length = 3)
    String currency;

    @Column(name = "ordered_by", nullable = false, length = 255)
    String orderedBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;
}
