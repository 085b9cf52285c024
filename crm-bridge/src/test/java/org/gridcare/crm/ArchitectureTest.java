package org.gridcare.crm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rule of docs/ARCHITECTURE.md for this module. */
@AnalyzeClasses(packages = "org.gridcare.crm", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainIsPure = classes().that().resideInAPackage("..crm.domain..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.gridcare.crm.domain..",
          "org.gridcare.platform.domain..");

  @ArchTest
  static final ArchRule appKnowsNoAdapter = noClasses().that().resideInAPackage("..crm.app..")
      .should().dependOnClassesThat().resideInAnyPackage("..crm.pg..", "..crm.http..", "..crm.webhook..",
          "..crm.crypto..", "io.vertx.sqlclient..", "io.vertx.pgclient..", "io.vertx.ext.web..");

  @ArchTest
  static final ArchRule httpDoesNotTouchStorage = noClasses().that().resideInAPackage("..crm.http..")
      .should().dependOnClassesThat().resideInAnyPackage("..crm.pg..", "io.vertx.sqlclient..");

  @ArchTest
  static final ArchRule adaptersDoNotReachTheWiring = noClasses().that()
      .resideInAnyPackage("..crm.pg..", "..crm.http..", "..crm.webhook..", "..crm.crypto..")
      .should().dependOnClassesThat().resideInAPackage("org.gridcare.crm");

  @ArchTest
  static final ArchRule noAsteriskJava = noClasses().should().dependOnClassesThat().resideInAPackage("org.asteriskjava..");
}
