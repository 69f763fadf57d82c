// Input: a sliding window of readings of analog pin {{ANALOG_PIN}}; a reading r (0 … {{ANALOG_MAX}}) enters
// the model as r × {{ANALOG_SCALE}}, quantized with the model's input scale; the newest reading is last.
static int8_t td_window[TD_IN_SIZE];

static int8_t td_quantize(float value) {
  float q = value / TD_IN_SCALE + (float)TD_IN_ZERO_POINT;
  if (q < -128.0f) return -128;
  if (q > 127.0f) return 127;
  return (int8_t)(q < 0.0f ? q - 0.5f : q + 0.5f);
}

static void td_source_begin(void) {
  memset(td_window, TD_IN_ZERO_POINT, sizeof td_window);
}

static void td_source_fill(int8_t *input) {
  memmove(td_window, td_window + 1, sizeof td_window - 1);
  td_window[TD_IN_SIZE - 1] = td_quantize((float)analogRead({{ANALOG_PIN}}) * {{ANALOG_SCALE}});
  memcpy(input, td_window, sizeof td_window);
}
