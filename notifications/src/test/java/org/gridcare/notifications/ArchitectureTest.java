package org.gridcare.notifications;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module's dependency rules. */
@AnalyzeClasses(packages = "org.gridcare.notifications", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainIsPure = classes().that().resideInAPackage("..notifications.domain..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "..notifications.domain..",
          "org.gridcare.platform.domain..");

  @ArchTest
  static final ArchRule useCasesSeeOnlyPorts = noClasses().that().resideInAPackage("..notifications.app..")
      .should().dependOnClassesThat().resideInAnyPackage("..notifications.pg..", "..notifications.redis..",
          "..notifications.twilio..", "..notifications.http..", "com.twilio..", "io.lettuce..", "io.vertx.sqlclient..",
          "io.vertx.ext.web..", "org.gridcare.storage..");

  @ArchTest
  static final ArchRule onlyTheTwilioAdapterKnowsTwilio = noClasses().that()
      .resideOutsideOfPackage("..notifications.twilio..").should().dependOnClassesThat()
      .resideInAnyPackage("com.twilio..").allowEmptyShould(true);

  @ArchTest
  static final ArchRule noAsteriskHere = noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("org.asteriskjava..");
}
