package dev.modelport.registry.tenancy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.org.OrgKind;
import dev.modelport.registry.org.OrgView;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The tenancy rule on its own: plain values, no server (the end-to-end suite covers the wiring). */
class AccessPolicyTest {

    private final AccessPolicy policy = new AccessPolicy();
    private final OrgView orion = org("orion", OrgKind.OEM, "CN", "EU");
    private final OrgView pixelon = org("pixelon", OrgKind.OEM, "US");
    private final OrgView cnRegulator = org("cn-reg", OrgKind.REGULATOR, "CN");

    private static OrgView org(String slug, OrgKind kind, String... jurisdictions) {
        return new OrgView(UUID.randomUUID(), slug, slug, kind, Set.of(jurisdictions), Instant.now());
    }

    private static Caller caller(OrgView org, String... roles) {
        return new Caller("sub", "user", Set.of(roles), Optional.ofNullable(org));
    }

    @Test
    void ownerReadsAndWrites() {
        assertThatCode(() -> policy.requireRead(caller(orion, Roles.OEM), orion)).doesNotThrowAnyException();
        assertThatCode(() -> policy.requireWrite(caller(orion, Roles.OEM), orion)).doesNotThrowAnyException();
    }

    @Test
    void otherTenantNeitherReadsNorWrites() {
        assertThatThrownBy(() -> policy.requireRead(caller(pixelon, Roles.OEM), orion))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> policy.requireWrite(caller(pixelon, Roles.OEM), orion))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void regulatorReadsOnlyWithinItsJurisdictionsAndNeverWrites() {
        assertThatCode(() -> policy.requireRead(caller(cnRegulator, Roles.REGULATOR), orion))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.requireRead(caller(cnRegulator, Roles.REGULATOR), pixelon))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> policy.requireWrite(caller(cnRegulator, Roles.REGULATOR), orion))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void regulatorRoleWithoutOrganisationReadsNothingPrivate() {
        assertThatThrownBy(() -> policy.requireRead(caller(null, Roles.REGULATOR), orion))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void adminReadsEverythingButWritesNothingOfOthers() {
        OrgView platform = org("modelport", OrgKind.PLATFORM);
        assertThatCode(() -> policy.requireRead(caller(platform, Roles.ADMIN), pixelon)).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.requireWrite(caller(platform, Roles.ADMIN), pixelon))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void sameOrgWithoutRoleStillCountsAsMemberForReads() {
        assertThatCode(() -> policy.requireRead(caller(orion), orion)).doesNotThrowAnyException();
    }
}
