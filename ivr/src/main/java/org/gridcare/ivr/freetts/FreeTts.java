package org.gridcare.ivr.freetts;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import com.sun.speech.freetts.audio.AudioPlayer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.gridcare.ivr.app.Tts;
import org.gridcare.platform.domain.DomainException;

/**
 * FreeTTS with an 8 kHz voice ({@code kevin}): it synthesises at the rate Asterisk plays, so there is no resampling
 * (Java's 16→8 kHz conversion has no anti-alias filter). Needs the system property
 * {@code freetts.voices=com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory}. Speaks English only.
 */
public final class FreeTts implements Tts {
  static final AudioFormat TELEPHONY = new AudioFormat(8000f, 16, 1, true, false);
  private final Voice voice;
  private final String name;

  private FreeTts(Voice voice, String voiceName) {
    this.voice = voice;
    this.name = "freetts/" + voiceName;
  }

  /** Loads the voice (blocking, ~200 ms): call it on a worker thread. */
  public static FreeTts load(String voiceName) {
    Voice voice = VoiceManager.getInstance().getVoice(voiceName);
    if (voice == null) {
      throw DomainException.unavailable("tts-voice-missing", "FreeTTS has no voice " + voiceName
          + " (is the system property freetts.voices set?)", null);
    }
    voice.allocate();
    return new FreeTts(voice, voiceName);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean speaks(String language) {
    return "en".equals(language);
  }

  /** One text at a time: a FreeTTS voice is not thread-safe. */
  @Override
  public synchronized byte[] synthesise(String language, String text) {
    Capture capture = new Capture();
    voice.setAudioPlayer(capture);
    if (!voice.speak(text)) {
      throw DomainException.unavailable("tts-failed", "FreeTTS could not speak the text", null);
    }
    return capture.wav();
  }

  public void close() {
    voice.deallocate();
  }

  /** Collects the synthesised samples in memory and writes them as a telephony WAV. */
  private static final class Capture implements AudioPlayer {
    private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    private AudioFormat format = TELEPHONY;

    byte[] wav() {
      byte[] samples = pcm.toByteArray();
      AudioInputStream source = new AudioInputStream(new ByteArrayInputStream(samples), format,
          samples.length / format.getFrameSize());
      if (format.getSampleRate() != TELEPHONY.getSampleRate() || format.getChannels() != 1
          || format.getSampleSizeInBits() != 16) {
        throw new IllegalStateException("voice produces " + format + ", expected 8 kHz 16-bit mono");
      }
      AudioInputStream telephony = AudioSystem.getAudioInputStream(TELEPHONY, source);
      ByteArrayOutputStream out = new ByteArrayOutputStream(samples.length + 44);
      try {
        AudioSystem.write(telephony, AudioFileFormat.Type.WAVE, out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }

    @Override
    public void setAudioFormat(AudioFormat format) {
      this.format = format;
    }

    @Override
    public AudioFormat getAudioFormat() {
      return format;
    }

    @Override
    public boolean write(byte[] audioData) {
      return write(audioData, 0, audioData.length);
    }

    @Override
    public boolean write(byte[] bytes, int offset, int size) {
      pcm.write(bytes, offset, size);
      return true;
    }

    @Override
    public void begin(int size) {}

    @Override
    public boolean end() {
      return true;
    }

    @Override
    public boolean drain() {
      return true;
    }

    @Override
    public void pause() {}

    @Override
    public void resume() {}

    @Override
    public void reset() {}

    @Override
    public void cancel() {}

    @Override
    public void close() {}

    @Override
    public float getVolume() {
      return 1f;
    }

    @Override
    public void setVolume(float volume) {}

    @Override
    public long getTime() {
      return 0;
    }

    @Override
    public void resetTime() {}

    @Override
    public void startFirstSampleTimer() {}

    @Override
    public void showMetrics() {}
  }
}
