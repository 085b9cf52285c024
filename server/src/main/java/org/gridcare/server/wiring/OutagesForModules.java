package org.gridcare.server.wiring;

import io.vertx.core.Future;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.gridcare.crm.app.OutageLookup;
import org.gridcare.crm.domain.CustomerCard.ActiveOutage;
import org.gridcare.crm.domain.GridLocation;
import org.gridcare.ivr.app.OutageInfo;
import org.gridcare.ivr.domain.Outage;
import org.gridcare.notifications.domain.OutageKind;
import org.gridcare.notifications.app.OutageService;

/**
 * The outage register (notifications) as the IVR and the CRM's screen pop read it. The service is looked up lazily:
 * the CRM starts before the notifications module that needs the CRM's recipients.
 */
public final class OutagesForModules implements OutageInfo, OutageLookup {
  private final Supplier<OutageService> outages;

  public OutagesForModules(Supplier<OutageService> outages) {
    this.outages = outages;
  }

  @Override
  public Future<List<Outage>> activeOutages(String areaId) {
    GridPlace place = GridPlace.parse(areaId);
    return affecting(place).map(found -> found.stream()
        .map(o -> new Outage(o.id().toString(), o.kind() == OutageKind.PLANNED, o.cause(), o.start(),
            o.estimatedRestoration()))
        .toList());
  }

  @Override
  public Future<Void> subscribeRestorationSms(String outageId, String mobileE164, String customerId) {
    return Future.<Void>succeededFuture()
        .compose(v -> outages.get().subscribe(UUID.fromString(outageId), mobileE164, null, customerId));
  }

  @Override
  public Future<Optional<ActiveOutage>> activeAt(GridLocation location) {
    return affecting(new GridPlace(location.substation(), location.feeder(), null)).map(found -> found.stream()
        .min(Comparator.comparing(org.gridcare.notifications.domain.Outage::start))
        .map(o -> new ActiveOutage(o.id().toString(), o.kind().name().toLowerCase(), o.cause(), o.start(),
            o.estimatedRestoration())));
  }

  private Future<List<org.gridcare.notifications.domain.Outage>> affecting(GridPlace place) {
    OutageService service = outages.get();
    if (service == null || place.substation() == null && place.feeder() == null && place.postcode() == null) {
      return Future.succeededFuture(List.of());
    }
    return service.affecting(place.substation(), place.feeder(), place.postcode());
  }
}
