package org.gridcare.pbxsim.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.gridcare.pbxsim.ami.AmiFrame;
import org.gridcare.pbxsim.dialplan.AppArguments;
import org.gridcare.pbxsim.dialplan.Expression;
import org.gridcare.pbxsim.dialplan.GotoTarget;

/**
 * The dialplan applications the shipped extensions.conf uses (and AGI EXEC may call): Answer, AGI, Goto, GotoIf,
 * Set, Hangup, Wait, MusicOnHold, ChanSpy, Dial, Playback, SayNumber, NoOp, Verbose, MixMonitor, StopMixMonitor,
 * AMD. An unknown application hangs the channel up, as Asterisk does.
 */
public final class Applications {
  private final Switchboard sb;
  private final AgiLauncher agi;

  Applications(Switchboard sb, AgiLauncher agi) {
    this.sb = sb;
    this.agi = agi;
  }

  public boolean exists(String application) {
    return switch (application.toLowerCase(Locale.ROOT)) {
      case "answer", "agi", "goto", "gotoif", "set", "hangup", "wait", "musiconhold", "chanspy", "dial", "playback",
          "noop", "verbose", "mixmonitor", "stopmixmonitor", "saynumber", "amd", "confbridge" -> true;
      default -> false;
    };
  }

  public Future<AppResult> run(SimChannel ch, String application, String data) {
    List<String> args = AppArguments.split(data);
    return switch (application.toLowerCase(Locale.ROOT)) {
      case "answer" -> {
        sb.answer(ch);
        yield Future.succeededFuture(AppResult.NEXT);
      }
      case "noop", "verbose" -> Future.succeededFuture(AppResult.NEXT);
      case "set" -> set(ch, data);
      case "hangup" -> Future.succeededFuture(AppResult.hangup(cause(AppArguments.arg(args, 0))));
      case "goto" -> Future.succeededFuture(jump(ch, data));
      case "gotoif" -> Future.succeededFuture(gotoIf(ch, data));
      case "wait" -> sb.media().silence(ch, seconds(AppArguments.arg(args, 0))).map(AppResult.NEXT);
      case "playback" -> playback(ch, AppArguments.arg(args, 0).split("&"), 0);
      // SayNumber(n): Asterisk speaks it from its digits/ sound files; one "prompt" per number here.
      case "saynumber" -> playback(ch, new String[] {"digits/" + AppArguments.arg(args, 0).strip()}, 0);
      case "musiconhold" -> {
        String cls = AppArguments.arg(args, 0).isEmpty() ? "default" : AppArguments.arg(args, 0);
        String duration = AppArguments.arg(args, 1);
        yield sb.media().musicOnHold(ch, cls, duration.isEmpty() ? -1 : seconds(duration)).map(AppResult.NEXT);
      }
      case "agi" -> agi(ch, args);
      case "dial" -> sb.outbound().dial(ch, AppArguments.arg(args, 0),
          AppArguments.arg(args, 1).isEmpty() ? -1 : seconds(AppArguments.arg(args, 1)), AppArguments.arg(args, 2));
      case "chanspy" -> chanSpy(ch, AppArguments.arg(args, 0));
      case "mixmonitor" -> {
        sb.recordings().start(ch, AppArguments.arg(args, 0), AppArguments.arg(args, 1));
        yield Future.succeededFuture(AppResult.NEXT);
      }
      case "stopmixmonitor" -> sb.recordings().stop(ch).map(AppResult.NEXT);
      case "amd" -> amd(ch, args);
      case "confbridge" -> sb.conferences().join(ch, AppArguments.arg(args, 0).strip());
      default -> Future.succeededFuture(AppResult.hangup(HangupCause.UNKNOWN));
    };
  }

  /**
   * AMD([initialSilence,...]): listens to the party's greeting for as long as Asterisk's detector would, then sets
   * AMDSTATUS and AMDCAUSE; a hang-up meanwhile gives HANGUP with an empty cause. Always goes on in the dialplan.
   */
  private Future<AppResult> amd(SimChannel ch, List<String> args) {
    Greeting greeting = ch.observer == null ? Greeting.SILENT : ch.observer.greeting();
    AnsweringMachineDetection.Result result = AnsweringMachineDetection.fromArguments(args).analyse(greeting);
    return sb.media().silence(ch, result.afterMillis()).map(listened -> {
      sb.setVariable(ch, "AMDSTATUS", listened.cancelled() ? "HANGUP" : result.status());
      sb.setVariable(ch, "AMDCAUSE", listened.cancelled() ? "" : result.cause());
      return AppResult.NEXT;
    });
  }

  private Future<AppResult> set(SimChannel ch, String data) {
    int eq = data.indexOf('=');
    if (eq > 0) {
      sb.setVariable(ch, data.substring(0, eq).strip(), data.substring(eq + 1));
    }
    return Future.succeededFuture(AppResult.NEXT);
  }

  private Future<AppResult> playback(SimChannel ch, String[] files, int index) {
    if (index >= files.length || files[index].isBlank()) {
      return Future.succeededFuture(AppResult.NEXT);
    }
    return sb.media().play(ch, files[index].strip(), "").compose(p ->
        p.cancelled() ? Future.succeededFuture(AppResult.NEXT) : playback(ch, files, index + 1));
  }

  private Future<AppResult> agi(SimChannel ch, List<String> args) {
    String url = AppArguments.arg(args, 0);
    List<String> scriptArgs = args.size() > 1 ? args.subList(1, args.size()) : List.of();
    return agi.run(sb, ch, url, scriptArgs).map(status -> {
      sb.setVariable(ch, "AGISTATUS", status);
      return "HANGUP".equals(status) ? AppResult.hangup(ch.hangupCause) : AppResult.NEXT;
    });
  }

  private AppResult gotoIf(SimChannel ch, String data) {
    int q = data.indexOf('?');
    if (q < 0) {
      return AppResult.NEXT;
    }
    String[] branches = data.substring(q + 1).split(":", 2);
    String branch = Expression.isTrue(data.substring(0, q)) ? branches[0] : (branches.length > 1 ? branches[1] : "");
    return branch.isBlank() ? AppResult.NEXT : jump(ch, branch);
  }

  private AppResult jump(SimChannel ch, String target) {
    GotoTarget t = GotoTarget.parse(target, ch.context, ch.exten);
    OptionalInt priority = priority(t);
    if (priority.isEmpty()) {
      return AppResult.hangup(HangupCause.UNKNOWN);
    }
    return AppResult.jump(new Location(t.context(), t.extension(), priority.getAsInt()));
  }

  private OptionalInt priority(GotoTarget t) {
    try {
      return OptionalInt.of(Integer.parseInt(t.priority()));
    } catch (NumberFormatException e) {
      return sb.dialplan().labelPriority(t.context(), t.extension(), t.priority());
    }
  }

  /**
   * ChanSpy(target,options) on the supervisor's channel: ChanSpyStart with Spyer and Spyee snapshots, ChanSpyStop
   * when either side goes. Options (q, w, B) only change audio, which the simulator does not carry. Unlike Asterisk,
   * a target that does not exist (or leaves) ends the application instead of scanning for another channel.
   */
  private Future<AppResult> chanSpy(SimChannel spyer, String target) {
    SimChannel spyee = target.isBlank() ? null : sb.channels().stream()
        .filter(c -> c != spyer && c.name().startsWith(target)).findFirst().orElse(null);
    if (spyee == null) {
      return Future.succeededFuture(AppResult.NEXT);
    }
    sb.answer(spyer);
    sb.publish(spyee.snapshot(spyer.snapshot(AmiFrame.event("ChanSpyStart", "call,all"), "Spyer"), "Spyee"));
    Promise<AppResult> done = Promise.promise();
    Runnable stop = () -> {
      if (done.tryComplete(AppResult.NEXT)) {
        AmiFrame ev = spyer.snapshot(AmiFrame.event("ChanSpyStop", "call,all"), "Spyer");
        sb.publish(spyee.hungUp() ? ev : spyee.snapshot(ev, "Spyee"));
        if (spyer.activity != null && !spyer.hungUp()) {
          spyer.activity = null;
        }
      }
    };
    spyer.activity = stop::run;
    spyee.onGone.add(stop);
    return done.future();
  }

  private static long seconds(String text) {
    try {
      return Math.round(Double.parseDouble(text.strip()) * 1000);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int cause(String text) {
    try {
      return text.isBlank() ? HangupCause.NORMAL_CLEARING : Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return HangupCause.NORMAL_CLEARING;
    }
  }
}
