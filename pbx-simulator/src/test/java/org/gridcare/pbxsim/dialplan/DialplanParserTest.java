package org.gridcare.pbxsim.dialplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.gridcare.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

class DialplanParserTest {

  @Test
  void readsPrioritiesLabelsSameLinesAndGlobals() {
    Dialplan plan = DialplanParser.parse("t.conf", """
        [general]
        static = yes
        [globals]
        CC_AGI = 10.0.0.1:4573 ; where the server runs
        [ctx]
        exten => 100,1,NoOp(a\\;b)
         same => n(again),Answer()
         same => n,Hangup
        exten => _0X.,1,Dial(PJSIP/${EXTEN}@trunk,30)
        """);
    assertThat(plan.globals()).containsEntry("CC_AGI", "10.0.0.1:4573");
    assertThat(plan.steps("ctx", "100")).containsExactly(new DialplanStep(1, null, "NoOp", "a;b"),
        new DialplanStep(2, "again", "Answer", ""), new DialplanStep(3, null, "Hangup", ""));
    assertThat(plan.labelPriority("ctx", "100", "again")).hasValue(2);
    assertThat(plan.findExtension("ctx", "0701234567")).hasValue("_0X.");
    assertThat(plan.findExtension("ctx", "07")).isEmpty();
  }

  @Test
  void rejectsWhatItCannotRunWithFileAndLine() {
    assertThatThrownBy(() -> DialplanParser.parse("x.conf", "[c]\ninclude => other\n"))
        .isInstanceOf(DomainException.class).hasMessageContaining("x.conf:2");
    assertThatThrownBy(() -> DialplanParser.parse("x.conf", "[c]\n same => n,NoOp()\n"))
        .hasMessageContaining("same => without a preceding exten");
    assertThatThrownBy(() -> DialplanParser.parse("x.conf", "[c]\nexten => s,1,NoOp(\n"))
        .hasMessageContaining("unbalanced");
    assertThatThrownBy(() -> DialplanParser.parse("x.conf", "[c]\nexten => s,1,NoOp()\nexten => s,1,NoOp()\n"))
        .hasMessageContaining("duplicate priority 1");
  }

  @Test
  void substitutionResolvesVariablesFunctionsSubstringsAndExpressions() {
    Map<String, String> vars = Map.of("CC_NEXT", "wait", "CALLERID(num)", "5551000", "N", "NEXT");
    assertThat(Substitution.expand("$[\"${CC_NEXT}\" = \"wait\"]?cc-wait,s,1", vars::get))
        .isEqualTo("1?cc-wait,s,1");
    assertThat(Substitution.expand("$[\"${MISSING}\" = \"wait\"]", vars::get)).isEqualTo("0");
    assertThat(Substitution.expand("${CALLERID(num):1:3} ${CC_${N}}", vars::get)).isEqualTo("551 wait");
    assertThat(Substitution.expand("${CALLERID(num):-4}", vars::get)).isEqualTo("1000");
    assertThat(Expression.evaluate("3 > 2 & \"a\" != \"b\"")).isEqualTo("1");
    assertThat(Expression.evaluate("!(1 = 1) | 0")).isEqualTo("0");
  }

  @Test
  void appArgumentsSplitOnCommasOutsideQuotesAndParentheses() {
    assertThat(AppArguments.split("agi://h/ivr?x=1,arg1,arg two")).containsExactly("agi://h/ivr?x=1", "arg1",
        "arg two");
    assertThat(AppArguments.split("\"a,b\",CALLERID(num,x),c\\,d")).containsExactly("a,b", "CALLERID(num,x)", "c,d");
  }
}
