// Input: a sliding window of accelerometer samples (x, y, z in g) from the {{IMU_PART}} through {{IMU_LIBRARY}},
// quantized with the model's input scale; the newest sample is at the end of the window.
#include <{{IMU_HEADER}}>

static int8_t td_window[TD_IN_SIZE];
static bool td_imu_ready;

static int8_t td_quantize(float value) {
  float q = value / TD_IN_SCALE + (float)TD_IN_ZERO_POINT;
  if (q < -128.0f) return -128;
  if (q > 127.0f) return 127;
  return (int8_t)(q < 0.0f ? q - 0.5f : q + 0.5f);
}

static void td_source_begin(void) {
  memset(td_window, TD_IN_ZERO_POINT, sizeof td_window);
  // Without the IMU the sketch still answers the host; streamed results then show the empty window.
  td_imu_ready = IMU.begin();
}

static void td_source_fill(int8_t *input) {
  float x, y, z;
  while (td_imu_ready && IMU.accelerationAvailable()) {
    IMU.readAcceleration(x, y, z);
    memmove(td_window, td_window + 3, sizeof td_window - 3);
    td_window[TD_IN_SIZE - 3] = td_quantize(x);
    td_window[TD_IN_SIZE - 2] = td_quantize(y);
    td_window[TD_IN_SIZE - 1] = td_quantize(z);
  }
  memcpy(input, td_window, sizeof td_window);
}
