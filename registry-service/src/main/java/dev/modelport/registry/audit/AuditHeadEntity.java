package dev.modelport.registry.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The single row naming the newest event of the chain; appends lock it. */
@Entity
@Table(name = "audit_head")
class AuditHeadEntity {

    static final int ID = 1;

    @Id
    int id;

    @Column(nullable = false)
    long seq;

    @Column(nullable = false, length = 64)
    String hash;
}
