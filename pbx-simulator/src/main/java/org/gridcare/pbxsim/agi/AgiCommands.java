package org.gridcare.pbxsim.agi;

import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gridcare.pbxsim.engine.HangupCause;
import org.gridcare.pbxsim.engine.HangupOrigin;
import org.gridcare.pbxsim.engine.Location;
import org.gridcare.pbxsim.engine.Media;
import org.gridcare.pbxsim.engine.SimChannel;
import org.gridcare.pbxsim.engine.Switchboard;

/**
 * The AGI commands, matched case-insensitively on their longest command words as Asterisk does. Commands that touch
 * the channel answer 511 once it is dead; variable, database, verbose, noop and exec still work.
 */
final class AgiCommands {
  private static final List<List<String>> COMMANDS = List.of(
      List.of("answer"), List.of("channel", "status"), List.of("database", "del"), List.of("database", "get"),
      List.of("database", "put"), List.of("exec"), List.of("get", "data"), List.of("get", "full", "variable"),
      List.of("get", "variable"), List.of("hangup"), List.of("noop"), List.of("record", "file"),
      List.of("say", "digits"), List.of("say", "number"), List.of("set", "context"), List.of("set", "extension"),
      List.of("set", "music"), List.of("set", "priority"), List.of("set", "variable"), List.of("stream", "file"),
      List.of("verbose"), List.of("wait", "for", "digit"));
  private static final Set<String> ALLOWED_WHEN_DEAD = Set.of(
      "database del", "database get", "database put", "exec", "get full variable", "get variable", "noop",
      "set variable", "verbose");

  private final Switchboard sb;
  private final SimChannel ch;
  private final Map<String, String> database;

  AgiCommands(Switchboard sb, SimChannel ch, Map<String, String> database) {
    this.sb = sb;
    this.ch = ch;
    this.database = database;
  }

  Future<AgiReply> execute(String line, boolean dead) {
    List<String> argv = AgiArguments.split(line);
    List<String> command = match(argv);
    if (command == null) {
      return done(AgiReply.invalid());
    }
    String name = String.join(" ", command);
    if (dead && !ALLOWED_WHEN_DEAD.contains(name)) {
      return done(AgiReply.dead());
    }
    List<String> args = argv.subList(command.size(), argv.size());
    return switch (name) {
      case "answer" -> {
        sb.answer(ch);
        yield done(AgiReply.ok("200 result=0"));
      }
      case "hangup" -> hangup(args);
      case "channel status" -> done(AgiReply.ok("200 result=" + ch.state().code()));
      case "stream file" -> args.size() < 2 ? usage(AgiUsage.STREAM_FILE) : streamFile(args.get(0), args.get(1));
      case "get data" -> args.isEmpty() ? usage(AgiUsage.GET_DATA) : getData(args);
      case "wait for digit" -> args.isEmpty() || !isInt(args.get(0)) ? usage(AgiUsage.WAIT_FOR_DIGIT)
          : waitForDigit(Long.parseLong(args.get(0)));
      case "record file" -> args.size() < 4 || !isInt(args.get(3)) ? usage(AgiUsage.RECORD_FILE) : record(args);
      case "say digits" -> args.size() < 2 || !args.get(0).matches("[0-9*#]+") ? usage(AgiUsage.SAY_DIGITS)
          : sayDigits(args.get(0), args.get(1));
      case "say number" -> args.size() < 2 || !isInt(args.get(0)) ? usage(AgiUsage.SAY_NUMBER)
          : streamFile("digits/" + Long.parseLong(args.get(0)), args.get(1));
      case "set variable" -> {
        if (args.size() < 2) {
          yield usage(AgiUsage.SET_VARIABLE);
        }
        sb.setVariable(ch, args.get(0), args.get(1));
        yield done(AgiReply.ok("200 result=1"));
      }
      case "get variable" -> {
        if (args.isEmpty()) {
          yield usage(AgiUsage.GET_VARIABLE);
        }
        String value = sb.getVariable(ch, args.get(0));
        yield done(AgiReply.ok(value == null ? "200 result=0" : "200 result=1 (" + value + ")"));
      }
      case "get full variable" -> args.isEmpty() ? usage(AgiUsage.GET_FULL_VARIABLE)
          : done(AgiReply.ok("200 result=1 (" + sb.expand(ch, args.get(0)) + ")"));
      case "verbose" -> done(AgiReply.ok("200 result=1"));
      case "noop" -> done(AgiReply.ok("200 result=0"));
      case "exec" -> args.isEmpty() ? usage(AgiUsage.EXEC) : exec(args);
      case "set music" -> setMusic(args);
      case "set context" -> args.isEmpty() ? usage(AgiUsage.SET_CONTEXT) : setLocation(args.get(0), null, null);
      case "set extension" -> args.isEmpty() ? usage(AgiUsage.SET_EXTENSION) : setLocation(null, args.get(0), null);
      case "set priority" -> args.isEmpty() || !isInt(args.get(0)) ? usage(AgiUsage.SET_PRIORITY)
          : setLocation(null, null, Integer.parseInt(args.get(0)));
      case "database put" -> {
        if (args.size() < 3) {
          yield usage(AgiUsage.DATABASE_PUT);
        }
        database.put(args.get(0) + "/" + args.get(1), args.get(2));
        yield done(AgiReply.ok("200 result=1"));
      }
      case "database get" -> {
        if (args.size() < 2) {
          yield usage(AgiUsage.DATABASE_GET);
        }
        String value = database.get(args.get(0) + "/" + args.get(1));
        yield done(AgiReply.ok(value == null ? "200 result=0" : "200 result=1 (" + value + ")"));
      }
      case "database del" -> {
        if (args.size() < 2) {
          yield usage(AgiUsage.DATABASE_DEL);
        }
        yield done(AgiReply.ok(database.remove(args.get(0) + "/" + args.get(1)) == null
            ? "200 result=0" : "200 result=1"));
      }
      default -> done(AgiReply.invalid());
    };
  }

  private Future<AgiReply> hangup(List<String> args) {
    if (!args.isEmpty()) {
      return done(sb.channel(args.get(0)).map(other -> {
        sb.hangup(other, HangupCause.NORMAL_CLEARING, HangupOrigin.PBX);
        return AgiReply.ok("200 result=1");
      }).orElse(AgiReply.ok("200 result=-1")));
    }
    AgiReply reply = AgiReply.ok("200 result=1");
    sb.hangup(ch, HangupCause.NORMAL_CLEARING, HangupOrigin.PBX);
    return done(reply);
  }

  private Future<AgiReply> streamFile(String file, String escape) {
    return sb.media().play(ch, file, escape).map(p -> {
      sb.setVariable(ch, "PLAYBACKSTATUS", p.digit() == null && !p.cancelled() ? "SUCCESS" : "FAILED");
      if (p.cancelled()) {
        return AgiReply.failure("200 result=-1 endpos=" + p.endpos(), true);
      }
      return AgiReply.ok("200 result=" + (p.digit() == null ? 0 : (int) p.digit()) + " endpos=" + p.endpos());
    });
  }

  private Future<AgiReply> sayDigits(String digits, String escape) {
    Future<Media.Played> chain = Future.succeededFuture(new Media.Played(null, 0, false));
    for (char d : digits.toCharArray()) {
      chain = chain.compose(p -> p.digit() != null || p.cancelled()
          ? Future.succeededFuture(p) : sb.media().play(ch, "digits/" + d, escape));
    }
    return chain.map(p -> p.cancelled()
        ? AgiReply.failure("200 result=-1", true)
        : AgiReply.ok("200 result=" + (p.digit() == null ? 0 : (int) p.digit())));
  }

  private Future<AgiReply> getData(List<String> args) {
    long timeout = args.size() > 1 && isInt(args.get(1)) && Long.parseLong(args.get(1)) > 0
        ? Long.parseLong(args.get(1)) : 5000;
    int max = args.size() > 2 && isInt(args.get(2)) ? Integer.parseInt(args.get(2)) : 1024;
    return sb.media().collect(ch, args.get(0), timeout, max).map(d -> {
      if (d.cancelled()) {
        return new AgiReply(List.of("200 result=-1\n"), 200, "Success", true);
      }
      return AgiReply.ok("200 result=" + d.digits() + (d.timedOut() ? " (timeout)" : ""));
    });
  }

  private Future<AgiReply> waitForDigit(long timeout) {
    return sb.media().waitForDigit(ch, timeout).map(p -> {
      if (p.cancelled()) {
        return AgiReply.failure("200 result=-1", true);
      }
      return AgiReply.ok("200 result=" + (p.digit() == null ? 0 : (int) p.digit()));
    });
  }

  /** RECORD FILE file format escape timeout [offset] [BEEP] [s=silence]. */
  private Future<AgiReply> record(List<String> args) {
    boolean beep = false;
    int silence = 0;
    for (String extra : args.subList(4, args.size())) {
      if (extra.equalsIgnoreCase("beep")) {
        beep = true;
      } else if (extra.toLowerCase(Locale.ROOT).startsWith("s=") && isInt(extra.substring(2))) {
        silence = Integer.parseInt(extra.substring(2));
      }
    }
    String file = args.get(0) + "." + args.get(1);
    return sb.media().record(ch, file, args.get(2), Long.parseLong(args.get(3)), silence, beep).map(r ->
        switch (r.reason()) {
          case "hangup" -> AgiReply.failure("200 result=-1 (hangup) endpos=" + r.endpos(), true);
          case "dtmf" -> AgiReply.ok("200 result=" + (int) r.digit() + " (dtmf) endpos=" + r.endpos());
          default -> AgiReply.ok("200 result=0 (timeout) endpos=" + r.endpos());
        });
  }

  /** EXEC app [data]: -2 for an unknown application, else the application's result (0, or -1 when it hung up). */
  private Future<AgiReply> exec(List<String> args) {
    String app = args.get(0);
    if (!sb.applications().exists(app)) {
      return done(AgiReply.unknownResult("200 result=-2"));
    }
    String data = args.size() > 1 ? String.join(",", args.subList(1, args.size())) : "";
    boolean wasDead = ch.hungUp();
    return sb.applications().run(ch, app, data).map(r -> switch (r.kind()) {
      case HANGUP -> {
        if (!ch.hungUp()) {
          sb.hangup(ch, r.cause(), HangupOrigin.PBX);
        }
        yield AgiReply.failure("200 result=-1", true);
      }
      case JUMP -> {
        Location at = r.jump();
        // the dialplan goes on at priority + 1 once AGI returns, so land one before the target
        sb.moveChannel(ch, new Location(at.context(), at.exten(), at.priority() - 1));
        yield AgiReply.ok("200 result=0");
      }
      default -> !wasDead && ch.hungUp() ? AgiReply.failure("200 result=-1", true) : AgiReply.ok("200 result=0");
    });
  }

  private Future<AgiReply> setMusic(List<String> args) {
    if (args.isEmpty()) {
      return usage(AgiUsage.SET_MUSIC);
    }
    boolean on = args.get(0).equalsIgnoreCase("on");
    sb.media().backgroundMusic(ch, on, args.size() > 1 ? args.get(1) : "default");
    return done(AgiReply.ok("200 result=0"));
  }

  private Future<AgiReply> setLocation(String context, String exten, Integer priority) {
    sb.moveChannel(ch, new Location(context == null ? ch.context() : context, exten == null ? ch.exten() : exten,
        priority == null ? ch.priority() : priority - 1));
    return done(AgiReply.ok("200 result=0"));
  }

  private static List<String> match(List<String> argv) {
    List<String> best = null;
    for (List<String> cmd : COMMANDS) {
      if (cmd.size() <= argv.size() && (best == null || cmd.size() > best.size())) {
        boolean same = true;
        for (int i = 0; i < cmd.size() && same; i++) {
          same = cmd.get(i).equalsIgnoreCase(argv.get(i));
        }
        if (same) {
          best = cmd;
        }
      }
    }
    return best;
  }

  private static boolean isInt(String s) {
    return s.matches("-?\\d{1,18}");
  }

  private static Future<AgiReply> usage(String text) {
    return done(AgiReply.usage(text));
  }

  private static Future<AgiReply> done(AgiReply reply) {
    return Future.succeededFuture(reply);
  }
}
