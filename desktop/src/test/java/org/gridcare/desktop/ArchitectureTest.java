package org.gridcare.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rule of docs/ARCHITECTURE.md for this module. */
@AnalyzeClasses(packages = "org.gridcare.desktop", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainIsPure = classes().that().resideInAPackage("..desktop.domain..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.gridcare.desktop.domain..",
          "org.gridcare.platform.domain..");

  @ArchTest
  static final ArchRule appKnowsNoAdapter = noClasses().that().resideInAPackage("..desktop.app..")
      .should().dependOnClassesThat().resideInAnyPackage("..desktop.pg..", "..desktop.http..", "..desktop.files..",
          "..desktop.redis..", "io.vertx.sqlclient..", "io.vertx.pgclient..", "io.vertx.ext.web..", "io.lettuce..");

  @ArchTest
  static final ArchRule noOtherDomainModule = noClasses().should().dependOnClassesThat().resideInAnyPackage(
      "org.gridcare.acd..", "org.gridcare.crm..", "org.gridcare.recordings..", "org.gridcare.ivr..",
      "org.gridcare.notifications..");

  @ArchTest
  static final ArchRule noAsteriskJava = noClasses().should().dependOnClassesThat().resideInAPackage("org.asteriskjava..");
}
