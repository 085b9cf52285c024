package org.gridcare.crm.app;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.gridcare.crm.domain.Address;
import org.gridcare.crm.domain.CustomerDraft;
import org.gridcare.crm.domain.CustomerKind;
import org.gridcare.crm.domain.GridLocation;
import org.gridcare.crm.domain.Gsrn;
import org.gridcare.crm.domain.MeteringPoint;
import org.gridcare.crm.domain.PartyIdentity;
import org.gridcare.crm.domain.Phone;
import org.gridcare.platform.domain.Identifiers;

/**
 * A deterministic demo population: private and business customers over three grid areas (each with substations
 * and feeders), valid national IDs, organisation numbers and GSRNs, Norwegian mobile and landline numbers.
 * The same seed always gives the same customers, so demo scripts can name them.
 */
public final class SampleCustomers {
  /** Grid areas: code, city, postcodes, substations. */
  private static final String[][] AREAS = {
      {"OSLO-NORD", "Oslo", "0484,0485,0486,0487", "Grefsen,Kjelsås"},
      {"BERGEN-SOR", "Bergen", "5221,5222,5223", "Nesttun,Fana"},
      {"TROMSO", "Tromsø", "9006,9007,9008", "Breivika,Tromsdalen"}};
  private static final String[] FIRST = {"Anna", "Ola", "Kari", "Per", "Ingrid", "Lars", "Sofie", "Jonas", "Nora",
      "Erik", "Ida", "Magnus", "Olga", "Ivan", "Marit", "Henrik"};
  private static final String[] LAST = {"Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
      "Kristiansen", "Jensen", "Karlsen", "Berg", "Haugen", "Petrov", "Smirnova"};
  private static final String[] STREETS = {"Storgata", "Kirkeveien", "Skogveien", "Fjordgata", "Bakkeveien",
      "Elvegata"};
  private static final String[] COMPANIES = {"Bakeri", "Verksted", "Elektro", "Fiskeri", "Transport", "Eiendom"};

  private SampleCustomers() {}

  public static List<CustomerDraft> generate(int count, long seed) {
    Random rnd = new Random(seed);
    List<CustomerDraft> out = new ArrayList<>();
    Set<String> identities = new HashSet<>();
    for (int i = 0; i < count; i++) {
      String[] area = AREAS[i % AREAS.length];
      String[] postcodes = area[2].split(",");
      String[] substations = area[3].split(",");
      String substation = substations[rnd.nextInt(substations.length)];
      // Feeder codes are unique across the grid (as outage systems name them): substation + feeder number.
      GridLocation grid = new GridLocation(area[0], substation, substation + "-F" + (1 + rnd.nextInt(4)));
      Address address = new Address(STREETS[rnd.nextInt(STREETS.length)] + " " + (1 + rnd.nextInt(120)),
          postcodes[rnd.nextInt(postcodes.length)], area[1], grid);
      boolean business = i % 7 == 6;
      String last = LAST[rnd.nextInt(LAST.length)];
      String name = business ? last + " " + COMPANIES[rnd.nextInt(COMPANIES.length)] + " AS"
          : FIRST[rnd.nextInt(FIRST.length)] + " " + last;
      PartyIdentity id;
      do { // a national ID / organisation number belongs to one customer: drawn again when taken
        id = business ? new PartyIdentity(CustomerKind.BUSINESS, organisationNumber(rnd))
            : new PartyIdentity(CustomerKind.PRIVATE, nationalId(rnd));
      } while (!identities.add(id.value()));
      List<Phone> phones = new ArrayList<>();
      phones.add(new Phone(String.format("+479%07d", 1_000_000 + i * 13), true, rnd.nextInt(10) < 8));
      if (i % 4 == 0) {
        phones.add(new Phone(String.format("+4722%06d", i), false, false));
      }
      List<MeteringPoint> points = new ArrayList<>();
      points.add(new MeteringPoint(gsrn(i, 0), "M" + (100000 + i), address));
      if (business) {
        points.add(new MeteringPoint(gsrn(i, 1), "M" + (500000 + i), address));
      }
      out.add(new CustomerDraft(business ? CustomerKind.BUSINESS : CustomerKind.PRIVATE, name, id, phones, address, points));
    }
    return out;
  }

  /** A valid GSRN for customer {@code i}'s {@code n}-th metering point (Norwegian GS1 prefix 707057500). */
  public static Gsrn gsrn(int i, int n) {
    String first17 = String.format("707057500%07d%d", i, n);
    return new Gsrn(first17 + Identifiers.gs1CheckDigit(first17));
  }

  /** A valid fødselsnummer: birth date, three individual digits, two mod-11 check digits (retried when none). */
  public static String nationalId(Random rnd) {
    while (true) {
      String base = String.format("%02d%02d%02d%03d", 1 + rnd.nextInt(28), 1 + rnd.nextInt(12), rnd.nextInt(100),
          rnd.nextInt(500));
      int k1 = Identifiers.mod11CheckDigit(base, Identifiers.nationalIdWeights1());
      if (k1 < 0) {
        continue;
      }
      int k2 = Identifiers.mod11CheckDigit(base + k1, Identifiers.nationalIdWeights2());
      if (k2 >= 0) {
        return base + k1 + k2;
      }
    }
  }

  public static String organisationNumber(Random rnd) {
    while (true) {
      String base = String.format("9%07d", rnd.nextInt(10_000_000));
      int k = Identifiers.mod11CheckDigit(base, Identifiers.organisationNumberWeights());
      if (k >= 0) {
        return base + k;
      }
    }
  }
}
