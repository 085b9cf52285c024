package org.gridcare.ivr.freetts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FreeTtsTest {
  static FreeTts tts;

  @BeforeAll
  static void loadVoice() {
    tts = FreeTts.load("kevin");
  }

  @AfterAll
  static void release() {
    tts.close();
  }

  @Test
  void speaksATelephonyWavThatIsNotSilent() throws Exception {
    byte[] wav = tts.synthesise("en", "There is an unplanned power outage in your area since 09:00.");

    AudioFileFormat file = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(wav));
    assertThat(file.getType()).isEqualTo(AudioFileFormat.Type.WAVE);
    AudioFormat f = file.getFormat();
    assertThat(f.getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
    assertThat(f.getSampleRate()).isEqualTo(8000f);
    assertThat(f.getSampleSizeInBits()).isEqualTo(16);
    assertThat(f.getChannels()).isEqualTo(1);
    assertThat(f.isBigEndian()).isFalse();

    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
      byte[] pcm = in.readAllBytes();
      double seconds = pcm.length / 2 / 8000.0;
      assertThat(seconds).as("a sentence takes seconds to say").isBetween(1.5, 10.0);
      double sum = 0;
      for (int i = 0; i + 1 < pcm.length; i += 2) {
        short sample = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
        sum += (double) sample * sample;
      }
      double rms = Math.sqrt(sum / (pcm.length / 2.0));
      assertThat(rms).as("speech, not silence").isGreaterThan(300);
    }
  }

  @Test
  void speaksEnglishOnly() {
    assertThat(tts.speaks("en")).isTrue();
    assertThat(tts.speaks("ru")).isFalse();
    assertThat(tts.name()).isEqualTo("freetts/kevin");
  }
}
